@testable import RunLens

/// Decodes the input as zstd, whole and cut into small pieces; both must give the same bytes,
/// warnings and error.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzZstd(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let input = UnsafeRawBufferPointer(start: data, count: size)
    checkDecoderIsCutIndependent(input) { source throws(InputError) in
        try ZstdByteStream(source: source, path: "fuzz.zst")
    }
    return 0
}
