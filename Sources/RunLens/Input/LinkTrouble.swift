import Glibc

/// Why a path cannot be followed through its symbolic links, in the words the walk of a
/// folder uses, so that a loop is never reported as a missing file.
public enum LinkTrouble {
    /// `symbolic link loop` when following `path` loops, `broken symbolic link` when `path`
    /// is a link to nothing; `nil` when it can be followed or fails for another reason.
    public static func reason(at path: String) -> String? {
        var info = stat()
        guard stat(path, &info) != 0 else { return nil }
        let code = errno
        if code == ELOOP { return "symbolic link loop" }
        var link = stat()
        guard code == ENOENT, lstat(path, &link) == 0, link.st_mode & S_IFMT == S_IFLNK else {
            return nil
        }
        return "broken symbolic link"
    }
}
