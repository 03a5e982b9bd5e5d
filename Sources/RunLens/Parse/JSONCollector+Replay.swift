extension JSONCollector {
    /// The second phase: hands the recorded leaves to `visitor` in document order.
    ///
    /// - Parameter text: the bytes that were collected (keys and strings point into them).
    mutating func replay<V: FieldVisitor>(_ text: UnsafePointer<UInt8>, to visitor: inout V) {
        var index = 0
        while index < eventCount {
            let event = events[index]
            index += 1
            let depth = Int(event.depth)
            let keyBase = event.flags & JSONEvent.keyInArena != 0 ? UnsafePointer(arena) : text
            let keyBytes = keyBase + Int(event.keyStart)
            let keyLength = Int(event.keyLength)

            if event.kind == .openObject {
                let prefix = prefixLengths[depth]
                reservePath(prefix + keyLength + 1, keeping: prefix)
                (path + prefix).update(from: keyBytes, count: keyLength)
                path[prefix + keyLength] = UInt8(ascii: "/")
                prefixLengths[depth + 1] = prefix + keyLength + 1
                continue
            }

            let key: UnsafeRawBufferPointer
            if depth == 1 {
                key = UnsafeRawBufferPointer(start: keyBytes, count: keyLength)
            } else {
                let prefix = prefixLengths[depth]
                reservePath(prefix + keyLength, keeping: prefix)
                (path + prefix).update(from: keyBytes, count: keyLength)
                key = UnsafeRawBufferPointer(start: path, count: prefix + keyLength)
            }
            visitLeaf(event, key: key, text: text, visitor: &visitor)
        }
    }

    @inline(__always)
    private func visitLeaf<V: FieldVisitor>(
        _ event: JSONEvent, key: UnsafeRawBufferPointer, text: UnsafePointer<UInt8>,
        visitor: inout V
    ) {
        let start = Int(event.payload >> 32)
        let count = Int(event.payload & 0xFFFF_FFFF)
        switch event.kind {
        case .number:
            visitor.visitNumber(key: key, index: nil, value: Double(bitPattern: event.payload))
        case .string:
            let base = event.flags & JSONEvent.valueInArena != 0 ? UnsafePointer(arena) : text
            visitor.visitString(
                key: key, value: UnsafeRawBufferPointer(start: base + start, count: count))
        case .numberArray:
            for offset in 0..<count {
                visitor.visitNumber(key: key, index: offset, value: numbers[start + offset])
            }
        case .isTrue:
            visitor.visitBool(key: key, value: true)
        case .isFalse:
            visitor.visitBool(key: key, value: false)
        case .null:
            visitor.visitNull(key: key)
        case .openObject:
            break
        }
    }
}
