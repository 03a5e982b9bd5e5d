/// How an input's bytes are encoded on disk, as told by its first bytes.
public enum Compression: Equatable, Sendable, CustomStringConvertible {
    /// Plain bytes.
    case none
    /// One or more zstd frames, possibly led by a skippable frame.
    case zstd
    /// One or more gzip members.
    case gzip

    /// How many leading bytes `detect` needs to decide.
    public static let magicLength = 4

    /// Recognises the encoding from the first bytes of a stream, never from a name.
    ///
    /// zstd frames start with `28 B5 2F FD`, skippable frames with `5? 2A 4D 18` (the
    /// little-endian magic `0x184D2A50...0x184D2A5F`), gzip members with `1F 8B`. Anything
    /// else, including a stream shorter than its magic, is plain.
    public static func detect(_ prefix: [UInt8]) -> Compression {
        if prefix.count >= 4 {
            let magic =
                UInt32(prefix[0]) | UInt32(prefix[1]) << 8 | UInt32(prefix[2]) << 16
                | UInt32(prefix[3]) << 24
            if magic == 0xFD2F_B528 || magic & 0xFFFF_FFF0 == 0x184D_2A50 {
                return .zstd
            }
        }
        if prefix.count >= 2, prefix[0] == 0x1F, prefix[1] == 0x8B {
            return .gzip
        }
        return .none
    }

    /// The lowercase name shown to users: `none`, `zstd` or `gzip`.
    public var description: String {
        switch self {
        case .none: return "none"
        case .zstd: return "zstd"
        case .gzip: return "gzip"
        }
    }
}
