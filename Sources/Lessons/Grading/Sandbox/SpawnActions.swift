import Foundation

/// The two GNU file actions of `posix_spawn` the sandbox needs, looked up in the C library at run time: Swift's
/// Glibc module is built without `_GNU_SOURCE`, so their declarations are not visible to Swift.
///
///     SpawnActions.closeFrom(&actions, 3)   // the child gets 0, 1, 2 and nothing else
enum SpawnActions {
    private typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    private typealias ChangeDirectory = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>,
                                                        UnsafePointer<CChar>) -> Int32

    private static func symbol(_ name: String) -> UnsafeMutableRawPointer? {
        dlsym(dlopen(nil, RTLD_NOW), name)
    }

    /// `posix_spawn_file_actions_addclosefrom_np` (glibc 2.34+); where it is missing, one `addclose` for each
    /// descriptor from `lowest` up that is open now (/proc/self/fd).
    static func closeFrom(_ actions: inout posix_spawn_file_actions_t, _ lowest: Int32) {
        if let address = symbol("posix_spawn_file_actions_addclosefrom_np") {
            let function = unsafeBitCast(address, to: CloseFrom.self)
            if function(&actions, lowest) == 0 { return }
        }
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for fd in open.compactMap(Int32.init) where fd >= lowest {
            posix_spawn_file_actions_addclose(&actions, fd)
        }
    }

    /// `posix_spawn_file_actions_addchdir_np` (glibc 2.29+); false when missing.
    static func changeDirectory(_ actions: inout posix_spawn_file_actions_t, _ path: String) -> Bool {
        guard let address = symbol("posix_spawn_file_actions_addchdir_np") else { return false }
        let function = unsafeBitCast(address, to: ChangeDirectory.self)
        return function(&actions, path) == 0
    }
}
