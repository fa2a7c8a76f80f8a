/*
 * signal.c — Ctrl-C for the REPL: a SIGINT handler that only counts, and a way to read the count.
 *
 * LuaJIT cannot run Lua code from a signal handler, so the handler here records the interrupt in
 * an atomic counter and the REPL polls it (wick/repl.lua: from a debug hook, from LuaJIT's
 * profiler callback, and between keystrokes at the prompt). What it is not: a general signal
 * API. It knows SIGINT only, and nothing in libwick itself ever looks at the counter.
 *
 * The escape hatch: a press that nobody has read yet means the interpreter has not reached a
 * check point, typically because it is inside one long C call. The third unread press stops
 * waiting: SIGINT gets its default action back and is raised again, ending the process, so a
 * stuck session can still be left from the keyboard.
 */
#include "internal.h"
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>

enum { PRESSES_BEFORE_GIVING_UP = 3 };

static atomic_int unread_presses;      /* SIGINTs since the last wk_sigint_pending() */
static atomic_int installed;
static struct sigaction previous;      /* the disposition before wk_sigint_install() */

/* Runs on any thread of the process; only async-signal-safe calls (write, sigaction, raise). */
static void on_sigint(int signal_number)
{
    int presses = atomic_fetch_add(&unread_presses, 1) + 1;
    if (presses == PRESSES_BEFORE_GIVING_UP - 1) {
        static const char message[] =
            "\n(interrupt pending: still inside a C call; press Ctrl-C again to quit)\n";
        ssize_t ignored = write(STDERR_FILENO, message, sizeof message - 1);
        (void)ignored;
    } else if (presses >= PRESSES_BEFORE_GIVING_UP) {
        /* The default action, not `previous`: luajit's own handler (installed while its main
         * chunk runs) would only turn this press into one more Lua error. */
        struct sigaction default_action;
        memset(&default_action, 0, sizeof default_action);
        default_action.sa_handler = SIG_DFL;
        sigemptyset(&default_action.sa_mask);
        sigaction(SIGINT, &default_action, NULL);
        atomic_store(&installed, 0);
        raise(signal_number);
    }
}

int wk_sigint_install(void)
{
    if (atomic_load(&installed)) return 0;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_sigint;
    sigemptyset(&action.sa_mask);
    /* SA_RESTART: C libraries in the process (stdio, OpenBLAS, libgomp, readline) need not all
     * retry on EINTR. poll() and select() return EINTR whatever this flag says, which is what
     * the REPL's prompt loop waits on. */
    action.sa_flags = SA_RESTART;
    if (sigaction(SIGINT, &action, &previous) != 0)
        return wk_error(WK_EINVAL, "sigint_install: sigaction failed");
    atomic_store(&unread_presses, 0);
    atomic_store(&installed, 1);
    return 0;
}

int wk_sigint_pending(void)
{
    return atomic_exchange(&unread_presses, 0);
}

int wk_sigint_restore(void)
{
    if (!atomic_load(&installed)) return 0;
    atomic_store(&installed, 0);
    if (sigaction(SIGINT, &previous, NULL) != 0)
        return wk_error(WK_EINVAL, "sigint_restore: sigaction failed");
    return 0;
}
