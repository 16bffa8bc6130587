// The only door from Swift to ncursesw. SwiftPM drops pkg-config's
// -D_XOPEN_SOURCE=600, so the wide-character API has to be asked for here.
#ifndef AVAIL_CNCURSESW_SHIM_H
#define AVAIL_CNCURSESW_SHIM_H
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <ncurses.h>

static inline int avail_term_rows(void) { return getmaxy(stdscr); }
static inline int avail_term_cols(void) { return getmaxx(stdscr); }
static inline WINDOW *avail_stdscr(void) { return stdscr; }
static inline attr_t avail_attr_bold(void) { return A_BOLD; }
static inline attr_t avail_attr_reverse(void) { return A_REVERSE; }
static inline attr_t avail_attr_underline(void) { return A_UNDERLINE; }
static inline attr_t avail_attr_dim(void) { return A_DIM; }
static inline int avail_color_pair(int n) { return COLOR_PAIR(n); }
static inline int avail_wcwidth(wchar_t c) { return wcwidth(c); }
static inline attr_t avail_attr_standout(void) { return A_STANDOUT; }
static inline attr_t avail_attr_normal(void) { return A_NORMAL; }

// get_wch with the result split: returns OK, KEY_CODE_YES or ERR.
static inline int avail_read_key(int *value) {
    wint_t ch = 0;
    int r = get_wch(&ch);
    *value = (int)ch;
    return r;
}
static inline int avail_key_code_yes(void) { return KEY_CODE_YES; }
static inline int avail_ok(void) { return OK; }
static inline int avail_err(void) { return ERR; }
static inline void avail_attrset(attr_t a, int pair) { attr_set(a, (short)pair, NULL); }
static inline int avail_colors(void) { return COLORS; }

#include <sys/ioctl.h>
#include <unistd.h>
#include <signal.h>
#include <termios.h>

// If avail dies of a crash signal while curses owns the terminal, put the tty
// back (the mode saved before initscr, cursor shown, main screen) before dying,
// so the user's shell is not left garbled. Only async-signal-safe calls here.
// (Storage lives in function-local statics: a file-scope static in a header
// that Swift imports gets no storage emitted.)
static inline struct termios *avail_saved_termios(void) { static struct termios t; return &t; }
static inline volatile sig_atomic_t *avail_saved_termios_ok(void) { static volatile sig_atomic_t ok = 0; return &ok; }
static void avail_crash_handler(int sig) {
    if (*avail_saved_termios_ok()) tcsetattr(STDIN_FILENO, TCSANOW, avail_saved_termios());
    static const char restore[] = "\033[0m\033[?25h\033[?1049l\r\n";
    ssize_t ignored = write(STDOUT_FILENO, restore, sizeof restore - 1);
    (void)ignored;
    signal(sig, SIG_DFL);
    raise(sig);
}
static inline void avail_install_crash_restore(void) {
    *avail_saved_termios_ok() = tcgetattr(STDIN_FILENO, avail_saved_termios()) == 0;
    int sigs[] = { SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE };
    for (unsigned i = 0; i < sizeof sigs / sizeof sigs[0]; i++) signal(sigs[i], avail_crash_handler);
}
// After SIGWINCH: ask the tty for its size and tell curses.
static inline void avail_resize_from_tty(void) {
    struct winsize ws;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0) {
        resizeterm(ws.ws_row, ws.ws_col);
    }
}
// After a stop (Ctrl-Z, then fg): back to the program's tty modes, and the
// next refresh repaints every cell (the shell has drawn over the screen).
static inline void avail_resume_after_stop(void) {
    reset_prog_mode();
    clearok(curscr, TRUE);
    refresh();
}
#endif
