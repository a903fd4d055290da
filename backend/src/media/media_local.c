/* The media store as a local directory (TTS_MEDIA_DIR), served by nginx under /media/; for several web hosts the
 * directory is shared (NFS) or this file gives way to an object store client (docs/decisions: media store). */
#include "media/media_store.h"
#include "core/arena.h"
#include "core/config.h"
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Creates each directory of path's parent below the media directory. */
static int make_parents(struct arena *a, const char *root, const char *key)
{
	if (mkdir(root, 0755) != 0 && errno != EEXIST)
		return -1;
	for (const char *slash = strchr(key, '/'); slash != NULL; slash = strchr(slash + 1, '/')) {
		const char *dir = arena_printf(a, "%s/%.*s", root, (int)(slash - key), key);
		if (mkdir(dir, 0755) != 0 && errno != EEXIST)
			return -1;
	}
	return 0;
}

int media_put(const struct config *cfg, struct arena *a, const char *key, const void *data, size_t len)
{
	const char *path = arena_printf(a, "%s/%s", cfg->media_dir, key);
	struct stat st;
	if (stat(path, &st) == 0)
		return 0;
	if (make_parents(a, cfg->media_dir, key) != 0)
		return -1;
	/* through a temporary file and a rename, so readers never see half a file */
	const char *tmp = arena_printf(a, "%s.%d.tmp", path, (int)getpid());
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return -1;
	size_t done = 0;
	while (done < len) {
		ssize_t w = write(fd, (const char *)data + done, len - done);
		if (w <= 0)
			break;
		done += (size_t)w;
	}
	int ok = done == len && fsync(fd) == 0;
	close(fd);
	if (!ok || rename(tmp, path) != 0) {
		int saved = errno;
		unlink(tmp);
		errno = saved;
		return -1;
	}
	return 0;
}

int media_get(const struct config *cfg, struct arena *a, const char *key, const void **data, size_t *len)
{
	const char *path = arena_printf(a, "%s/%s", cfg->media_dir, key);
	int fd = open(path, O_RDONLY);
	struct stat st;
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) != 0 || st.st_size < 0) {
		close(fd);
		return -1;
	}
	char *p = arena_alloc(a, (size_t)st.st_size + 1);
	size_t done = 0;
	while (done < (size_t)st.st_size) {
		ssize_t n = read(fd, p + done, (size_t)st.st_size - done);
		if (n <= 0)
			break;
		done += (size_t)n;
	}
	close(fd);
	if (done != (size_t)st.st_size) {
		errno = EIO;
		return -1;
	}
	*data = p;
	*len = done;
	return 0;
}

const char *media_url(struct arena *a, const char *key)
{
	return arena_printf(a, "/media/%s", key);
}
