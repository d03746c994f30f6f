import CSystemShims
import Logging

/// What confinement this kernel offers workers, said once at start-up (workers only mention
/// it at debug level; `/readyz` shows what the connected workers report).
enum SandboxSupport {
    static func logOnce(logger: Logger) {
        let abi = ra_landlock_abi()
        if abi > 0 {
            logger.info("worker sandbox: Landlock and seccomp", metadata: ["landlock_abi": "\(abi)"])
        } else {
            logger.warning(
                "worker sandbox: this kernel has no Landlock (Linux 5.13+ with landlock in lsm=); workers run with seccomp and no capabilities, but their file access is not confined")
        }
    }
}
