import Foundation

/// A graded program may not start other programs. The submission screen refuses the names that spawn processes,
/// but C has more doors than a list of names can close (glibc's `wordexp` runs `/bin/sh` for a `$(…)`), so a
/// graded run also installs a seccomp filter before any cell runs: `execve` and `execveat` fail with EPERM in the
/// program and in everything it forks (an exercise's isolated scope included), whatever function reached them.
/// `fork` stays allowed (isolated scopes need it); a fork can only run the program's own code.
///
///     ExecBan.install()   // called by `CourseProgram.start` when `COURSE_MEMO_READONLY=1` (a graded run)
enum ExecBan {
    /// Installs the filter on the calling thread (the main thread, before the program starts any other). Ends the
    /// program with a message when the kernel refuses it: a graded run never goes on without it.
    static func install() {
        #if os(Linux) && (arch(x86_64) || arch(arm64))
        var filter = program
        let installed = filter.withUnsafeMutableBufferPointer { buffer -> Bool in
            var header = SockFprog(len: UInt16(buffer.count), filter: buffer.baseAddress!)
            return withUnsafePointer(to: &header) { pointer in
                linuxPrctl(prSetNoNewPrivs, 1, 0, 0, 0) == 0
                    && linuxPrctl(prSetSeccomp, seccompModeFilter, UInt(bitPattern: pointer), 0, 0) == 0
            }
        }
        if !installed {
            let reason = String(cString: strerror(errno))
            let message = "course: a graded program could not forbid starting other programs (seccomp: \(reason)); "
                + "it does not run\n"
            FileHandle.standardError.write(Data(message.utf8))
            exit(70)
        }
        #endif
    }

    #if os(Linux) && (arch(x86_64) || arch(arm64))
    /// The classic BPF program: wrong architecture → kill; the x32 ABI (numbers ≥ 2³⁰), execve, execveat →
    /// EPERM; everything else → allow. `seccomp_data` holds the call's number at offset 0, the architecture at 4.
    static var program: [SockFilter] {
        [
            SockFilter(code: bpfLoadWord, jt: 0, jf: 0, k: 4),
            SockFilter(code: bpfJumpIfEqual, jt: 1, jf: 0, k: auditArch),
            SockFilter(code: bpfReturn, jt: 0, jf: 0, k: seccompKillProcess),
            SockFilter(code: bpfLoadWord, jt: 0, jf: 0, k: 0),
            SockFilter(code: bpfJumpIfAtLeast, jt: 3, jf: 0, k: 0x4000_0000),
            SockFilter(code: bpfJumpIfEqual, jt: 2, jf: 0, k: execveNumber),
            SockFilter(code: bpfJumpIfEqual, jt: 1, jf: 0, k: execveatNumber),
            SockFilter(code: bpfReturn, jt: 0, jf: 0, k: seccompAllow),
            SockFilter(code: bpfReturn, jt: 0, jf: 0, k: seccompErrno | UInt32(EPERM)),
        ]
    }

    /// `struct sock_filter` and `struct sock_fprog` of <linux/filter.h> (same fields, same order, same layout).
    struct SockFilter { var code: UInt16; var jt: UInt8; var jf: UInt8; var k: UInt32 }
    struct SockFprog { var len: UInt16; var filter: UnsafeMutablePointer<SockFilter> }

    static let bpfLoadWord: UInt16 = 0x20        // BPF_LD | BPF_W | BPF_ABS
    static let bpfJumpIfEqual: UInt16 = 0x15     // BPF_JMP | BPF_JEQ | BPF_K
    static let bpfJumpIfAtLeast: UInt16 = 0x35   // BPF_JMP | BPF_JGE | BPF_K
    static let bpfReturn: UInt16 = 0x06          // BPF_RET | BPF_K
    static let seccompAllow: UInt32 = 0x7fff_0000
    static let seccompErrno: UInt32 = 0x0005_0000
    static let seccompKillProcess: UInt32 = 0x8000_0000
    static let prSetNoNewPrivs: Int32 = 38
    static let prSetSeccomp: Int32 = 22
    static let seccompModeFilter: UInt = 2
    #if arch(x86_64)
    static let auditArch: UInt32 = 0xC000_003E   // AUDIT_ARCH_X86_64
    static let execveNumber: UInt32 = 59
    static let execveatNumber: UInt32 = 322
    #else
    static let auditArch: UInt32 = 0xC000_00B7   // AUDIT_ARCH_AARCH64
    static let execveNumber: UInt32 = 221
    static let execveatNumber: UInt32 = 281
    #endif
    #endif
}

#if os(Linux)
/// glibc's `prctl` is variadic in C, so Swift does not import it; every option used here takes four unsigned
/// longs after it.
@_silgen_name("prctl")
private func linuxPrctl(_ option: Int32, _ arg2: UInt, _ arg3: UInt, _ arg4: UInt, _ arg5: UInt) -> Int32
#endif
