extension ByteStream {
    /// How a decompressed stream's truncation warning ends, given the bytes it decoded
    /// before the cut: a stream cut inside its first block gave nothing, and says so rather
    /// than that lines were read.
    static func keptBeforeCut(_ decoded: Int) -> String {
        decoded > 0 ? "lines before the cut were read" : "nothing before the cut could be decoded"
    }
}
