// Compiled only into debug (test) builds: the sandbox probe's one call Swift cannot make.
#ifdef RA_SANDBOX_PROBE
#include "CSystemShims.h"

#include <errno.h>
#include <sys/ptrace.h>

long ra_sandbox_probe_ptrace_attach(int pid) {
    long rc = ptrace(PTRACE_ATTACH, pid, 0, 0);
    return rc < 0 ? -errno : rc;
}
#endif
