/* signal_test.c — the SIGINT counter of core/signal.c: presses are counted and cleared when
 * read, restore puts the old disposition back, and the third unread press ends the process. */
#include "check.h"
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t old_handler_ran;
static void old_handler(int signal_number) { (void)signal_number; old_handler_ran = 1; }

int main(void)
{
    signal(SIGINT, old_handler);

    CHECK(wk_sigint_install() == 0);
    CHECK(wk_sigint_install() == 0);                          /* a second install is harmless */
    CHECK(wk_sigint_pending() == 0);
    raise(SIGINT);
    CHECK(wk_sigint_pending() == 1);
    CHECK(wk_sigint_pending() == 0);                          /* read once, then forgotten */
    CHECK(old_handler_ran == 0);

    CHECK(wk_sigint_restore() == 0);
    raise(SIGINT);
    CHECK(old_handler_ran == 1);                              /* the handler from before is back */
    CHECK(wk_sigint_pending() == 0);
    CHECK(wk_sigint_restore() == 0);                          /* restoring twice is harmless */

    /* Three presses nobody reads: the third one terminates (in a child, with stderr closed so
     * the note printed at the second does not clutter the test's output). */
    pid_t child = fork();
    if (child == 0) {
        close(STDERR_FILENO);
        wk_sigint_install();
        raise(SIGINT);
        raise(SIGINT);
        raise(SIGINT);
        _exit(0);                                             /* not reached */
    }
    int status = 0;
    CHECK(child > 0 && waitpid(child, &status, 0) == child);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGINT);

    return check_summary("signal_test");
}
