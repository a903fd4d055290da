/* Structured logging: one logfmt line per event on stderr. */
#ifndef CORE_LOG_H
#define CORE_LOG_H

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR };

void log_set_level(const char *name);
/* `fields` is a logfmt fragment already built by the caller, e.g. "method=GET status=200". */
void log_event(enum log_level level, const char *event, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#define log_info(ev, ...) log_event(LOG_INFO, ev, __VA_ARGS__)
#define log_warn(ev, ...) log_event(LOG_WARN, ev, __VA_ARGS__)
#define log_error(ev, ...) log_event(LOG_ERROR, ev, __VA_ARGS__)
#define log_debug(ev, ...) log_event(LOG_DEBUG, ev, __VA_ARGS__)

#endif
