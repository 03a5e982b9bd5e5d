import Testing

@testable import RunLens

struct ConfigLiteralsTests {
    @Test func keepsEveryNumberAsWrittenByItsPath() throws {
        let text = #"{"a": {"b\u0063": [1, {"d": -2.50e+3}], "s": "x,1"}, "e": 1e-400}"#
        let root = ConfigKeyPath()
        let list = root.appending("a").appending("bc")

        let literals = try #require(ConfigLiterals(text))

        #expect(literals[list.appending(0)] == "1")
        #expect(literals[list.appending(1).appending("d")] == "-2.50e+3")
        #expect(literals[root.appending("e")] == "1e-400")
        #expect(literals.numbers.count == 3)
    }

    @Test func givesUpOnTextItCannotFollow() {
        #expect(ConfigLiterals(#"{"a": }"#) == nil)
        #expect(ConfigLiterals(#"{"a": [1, 2"#) == nil)
        #expect(ConfigLiterals(String(repeating: "[", count: 100_000)) == nil)
    }

    @Test func pathsReadAsDottedKeysAndBracketedPositions() {
        let path = ConfigKeyPath().appending("serving").appending("windows").appending(2)
            .appending("factor")

        #expect(path.description == "serving.windows[2].factor")
        #expect(path.parent.description == "serving.windows[2]")
    }
}
