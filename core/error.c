/*
 * error.c — the thread-local error message that every fallible function leaves behind.
 * C never aborts on a user's mistake: it returns a code and explains here; the Lua side raises.
 */
#include "internal.h"
#include <stdio.h>

static _Thread_local char last_message[1024];
static _Thread_local int last_status;

static void set_message(int status, const char *fmt, va_list ap)
{
    last_status = status;
    vsnprintf(last_message, sizeof last_message, fmt, ap);
}

int wk_error(int status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    set_message(status, fmt, ap);
    va_end(ap);
    return status;
}

void *wk_error_null(int status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    set_message(status, fmt, ap);
    va_end(ap);
    return NULL;
}

const char *wk_last_error(void) { return last_status ? last_message : "no error"; }
int wk_last_status(void) { return last_status; }

void wk_clear_error(void)
{
    last_status = 0;
    last_message[0] = '\0';
}

const char *wk_version(void) { return "0.1.0"; }
