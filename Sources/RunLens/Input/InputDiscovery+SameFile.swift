import Glibc

extension InputDiscovery {
    /// A test of whether a path names the same file as `path` (device and inode, so any
    /// spelling of it matches); nothing matches when `path` cannot be read.
    static func sameFile(as path: String) -> (String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return { _ in false } }
        let target = (info.st_dev, info.st_ino)
        return { candidate in
            var other = stat()
            return stat(candidate, &other) == 0 && (other.st_dev, other.st_ino) == target
        }
    }
}
