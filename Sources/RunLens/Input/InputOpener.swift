/// An input opened for reading, with how it was found to be encoded.
public struct OpenedInput {
    /// The decoded bytes.
    public let stream: ByteStream
    /// The encoding recognised from the first bytes.
    public let compression: Compression
}

/// Opens inputs and puts the right decoder in front of them, chosen by magic bytes only.
public enum InputOpener {
    /// Opens `path` (`-` for standard input) and returns its decoded bytes.
    ///
    /// - Throws: `InputError` when the file cannot be opened, or its compressed data is
    ///   corrupt from the start.
    public static func open(path: String) throws(InputError) -> ByteStream {
        try openDetecting(path: path).stream
    }

    /// Opens `path` (`-` for standard input) and tells which compression it found.
    ///
    /// - Throws: as `open(path:)`.
    public static func openDetecting(path: String) throws(InputError) -> OpenedInput {
        try decoding(FileByteStream(path: path), path: path)
    }

    /// Puts the decoder that `source`'s first bytes call for in front of it.
    ///
    /// The bytes looked at are still delivered. A name never decides: a zstd stream is
    /// decoded whatever `path` ends with.
    ///
    /// - Throws: a read error of `source`, or `InputError.Kind.corrupt`.
    public static func decoding(_ source: ByteStream, path: String) throws(InputError)
        -> OpenedInput
    {
        let peekable = PeekableByteStream(source)
        let compression = Compression.detect(try peekable.peek(Compression.magicLength))

        switch compression {
        case .none:
            return OpenedInput(stream: peekable, compression: .none)
        case .zstd:
            let stream = try ZstdByteStream(source: peekable, path: path)
            return OpenedInput(stream: stream, compression: .zstd)
        case .gzip:
            let stream = try GzipByteStream(source: peekable, path: path)
            return OpenedInput(stream: stream, compression: .gzip)
        }
    }
}
