import Testing

@testable import RunLens

/// Guessing a leaf's field from the previous record: a guess holds only for the same key.
struct LeafGuessTests {
    static let alphabet = Array("abcdefghijklmnopqrstuvwxyz".utf8)

    /// Whether the guess made for `key` (interned in a fresh table) holds for `other`.
    static func holds(_ key: [UInt8], for other: [UInt8]) -> Bool {
        let fields = FieldTable(matcher: RoleMatcher())
        return key.withUnsafeBytes { keyBytes in
            let guess = LeafGuess(id: fields.intern(keyBytes) ?? -1, key: keyBytes)
            return other.withUnsafeBytes { guess.matches($0, in: fields) }
        }
    }

    @Test(arguments: 1...24)
    func holdsForTheSameKeyOnly(length: Int) {
        let key = Array(Self.alphabet.prefix(length))
        #expect(Self.holds(key, for: key))

        for position in 0..<length {
            var other = key
            other[position] = UInt8(ascii: "_")
            #expect(!Self.holds(key, for: other), "byte \(position) of \(length)")
        }
        #expect(!Self.holds(key, for: key + [UInt8(ascii: "z")]))
        #expect(!Self.holds(key, for: Array(key.dropLast())))
    }

    @Test func aGuessWithoutIdNeverHolds() {
        let fields = FieldTable(matcher: RoleMatcher())
        let key = Array("loss".utf8)
        let holds = key.withUnsafeBytes { LeafGuess(id: -1, key: $0).matches($0, in: fields) }

        #expect(!holds)
    }
}
