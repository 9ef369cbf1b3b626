#if canImport(Glibc)
import Glibc
#endif

/// How DLKit asks the C allocator to treat the big, short-lived buffers of a training step.
///
/// Every batch allocates and frees the same large arrays (a conv layer's im2col matrix is 14 MB at batch
/// 64). By default glibc hands blocks that size back to the kernel on `free` and takes fresh zeroed pages on
/// the next `malloc`, so each batch pays thousands of page faults (measured: ~20 % of an epoch's CPU time
/// was system time). Raising the mmap and trim thresholds keeps freed blocks in the heap for the next
/// batch. It changes speed and resident memory, never a result. Applied once, on the first convolution
/// or pooling call.
///
///     MemoryPolicy.applyOnce()
public enum MemoryPolicy {
    /// Blocks up to this size come from the heap and are reused (glibc's maximum: 32 MiB on 64-bit).
    public static let mmapThreshold: Int32 = 32 << 20
    /// Free heap memory above this is returned to the system.
    public static let trimThreshold: Int32 = 512 << 20

    private static let applied: Bool = {
        #if canImport(Glibc)
        // <malloc.h> is not part of Swift's Glibc module: look `mallopt` up by name (glibc always has it).
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return false }
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        let mmapThresholdOption: Int32 = -3, trimThresholdOption: Int32 = -1   // M_MMAP_THRESHOLD, M_TRIM_THRESHOLD
        _ = mallopt(mmapThresholdOption, mmapThreshold)
        _ = mallopt(trimThresholdOption, trimThreshold)
        return true
        #else
        return false
        #endif
    }()

    /// Sets the thresholds the first time it is called; later calls do nothing.
    public static func applyOnce() { _ = applied }
}
