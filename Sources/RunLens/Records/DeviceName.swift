/// Splits a device index out of a per-device metric name.
///
/// `gpu_3_temp` is device 3 of `gpu_temp`, `system.gpu.3.temp` device 3 of
/// `system.gpu.temp`, `gpu3_util` device 3 of `gpu_util`. Only names under a GPU or
/// system prefix are split: `layer4.2.conv3` and `d0.loss_cls` stay whole.
public enum DeviceName {
    /// The name without its device index, and the index; `nil` when `name` names no device.
    public static func split(_ name: String) -> (base: String, device: Int)? {
        let bytes = Array(name.utf8)
        let tokens = tokenize(bytes)
        guard let first = tokens.first else { return nil }

        let firstText = text(bytes, first).lowercased()
        let startsUnderPrefix = firstText == "system" || firstText.hasPrefix("gpu")
        guard startsUnderPrefix else { return nil }

        for (position, token) in tokens.enumerated() where position < 3 {
            let word = text(bytes, token).lowercased()
            if word == "gpu" || word == "cuda", position + 1 < tokens.count {
                let next = tokens[position + 1]
                if let device = number(bytes, next) {
                    return (remove(bytes, from: token.upperBound, to: next.upperBound), device)
                }
            }
            if word.hasPrefix("gpu"), token.count > 3,
                let device = number(bytes, token.lowerBound + 3..<token.upperBound)
            {
                return (remove(bytes, from: token.lowerBound + 3, to: token.upperBound), device)
            }
        }
        return nil
    }

    private static func tokenize(_ bytes: [UInt8]) -> [Range<Int>] {
        var tokens: [Range<Int>] = []
        var start = 0
        for (offset, byte) in bytes.enumerated() where isSeparator(byte) {
            if offset > start { tokens.append(start..<offset) }
            start = offset + 1
        }
        if bytes.count > start { tokens.append(start..<bytes.count) }
        return tokens
    }

    private static func isSeparator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "/")
            || byte == UInt8(ascii: "-")
    }

    private static func text(_ bytes: [UInt8], _ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    private static func number(_ bytes: [UInt8], _ range: Range<Int>) -> Int? {
        guard range.count <= 4, bytes[range].allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
            return nil
        }
        return Int(text(bytes, range))
    }

    private static func remove(_ bytes: [UInt8], from start: Int, to end: Int) -> String {
        String(decoding: bytes[..<start] + bytes[end...], as: UTF8.self)
    }
}
