/* Unit tests of configuration: defaults, file, environment over file, validation. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "core/config.h"

#define KEY "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"
#define SECRET "a-jwt-secret-that-is-long-enough-123"

static char path[64];

static int write_file(const char *text)
{
	strcpy(path, "/tmp/tts-config-test-XXXXXX");
	int fd = mkstemp(path);
	if (fd < 0)
		return -1;
	ssize_t n = write(fd, text, strlen(text));
	close(fd);
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

static int setup(void **state)
{
	(void)state;
	setenv("TTS_JWT_SECRET", SECRET, 1);
	setenv("TTS_TOKEN_KEY", KEY, 1);
	unsetenv("TTS_DB_PORT");
	unsetenv("TTS_API_WORKERS");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	if (path[0])
		unlink(path);
	path[0] = '\0';
	return 0;
}

static void test_defaults(void **state)
{
	(void)state;
	struct config c;
	char err[256];
	assert_int_equal(config_load(&c, NULL, err, sizeof(err)), 0);
	assert_string_equal(c.db_name, "tts");
	assert_int_equal(c.body_max, 1048576);
	assert_int_equal(c.api_workers, 4);
	assert_string_equal(c.jwt_secret, SECRET);
	config_free(&c);
}

static void test_file_then_environment(void **state)
{
	(void)state;
	struct config c;
	char err[256];
	assert_int_equal(write_file("# comment\n db_port = 3310 \napi_workers=7\ndb_name = shop\n"), 0);
	setenv("TTS_API_WORKERS", "9", 1);
	assert_int_equal(config_load(&c, path, err, sizeof(err)), 0);
	assert_int_equal(c.db_port, 3310);
	assert_int_equal(c.api_workers, 9);
	assert_string_equal(c.db_name, "shop");
	config_free(&c);
}

static void test_rejects_bad_values(void **state)
{
	(void)state;
	struct config c;
	char err[256];
	/* a failed load frees what it had filled (LeakSanitizer reports it otherwise): no config_free after one */
	setenv("TTS_DB_PORT", "70000", 1);
	assert_int_equal(config_load(&c, NULL, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "db_port"));
	setenv("TTS_DB_PORT", "12x", 1);
	assert_int_equal(config_load(&c, NULL, err, sizeof(err)), -1);
	unsetenv("TTS_DB_PORT");
	assert_int_equal(write_file("no_such_setting = 1\n"), 0);
	assert_int_equal(config_load(&c, path, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "unknown setting"));
}

static void test_requires_secrets(void **state)
{
	(void)state;
	struct config c;
	char err[256];
	setenv("TTS_JWT_SECRET", "short", 1);
	assert_int_equal(config_load(&c, NULL, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "jwt_secret"));
	setenv("TTS_JWT_SECRET", SECRET, 1);
	setenv("TTS_TOKEN_KEY", "zz", 1);
	assert_int_equal(config_load(&c, NULL, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "token_key"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_defaults, setup, teardown),
		cmocka_unit_test_setup_teardown(test_file_then_environment, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rejects_bad_values, setup, teardown),
		cmocka_unit_test_setup_teardown(test_requires_secrets, setup, teardown),
	};
	return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
