extension ByteStream {
    /// How a decompressed stream's truncation warning ends, given the bytes it decoded
    /// before the cut and whether a line ended in them: a stream cut inside its first block
    /// gave nothing, and one cut inside its first line gave no whole line; each says so
    /// rather than that lines were read.
    static func keptBeforeCut(_ decoded: Int, lineEnded: Bool) -> String {
        if decoded == 0 {
            return "nothing before the cut could be decoded"
        }
        return lineEnded ? "lines before the cut were read" : partialFirstLine(decoded, "the cut")
    }

    /// How a decompressed stream's warning about corrupt data ends, as `keptBeforeCut`.
    static func keptBeforeDamage(_ decoded: Int, lineEnded: Bool) -> String {
        if decoded == 0 {
            return "reading stopped, nothing before it could be decoded"
        }
        let kept = lineEnded ? "lines before it were read" : partialFirstLine(decoded, "it")
        return "reading stopped, " + kept
    }

    private static func partialFirstLine(_ decoded: Int, _ place: String) -> String {
        let bytes = decoded == 1 ? "1 byte" : "\(decoded) bytes"
        return "no whole line came before \(place), only the start of the first (\(bytes))"
    }
}
