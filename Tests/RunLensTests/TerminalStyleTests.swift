import Testing

@testable import RunLens

struct TerminalStyleTests {
    struct Case: CustomStringConvertible, Sendable {
        var terminal: Bool
        var noColor: String?
        var term: String?
        var enabled: Bool
        var description: String {
            "tty=\(terminal) NO_COLOR=\(noColor ?? "unset") TERM=\(term ?? "unset")"
        }
    }

    static let cases: [Case] = [
        Case(terminal: true, noColor: nil, term: "xterm-256color", enabled: true),
        Case(terminal: false, noColor: nil, term: "xterm-256color", enabled: false),
        Case(terminal: true, noColor: "1", term: "xterm", enabled: false),
        Case(terminal: true, noColor: "", term: "xterm", enabled: true),
        Case(terminal: true, noColor: nil, term: "dumb", enabled: false),
    ]

    @Test(arguments: cases)
    func coloursOnlyOnATerminalWithoutNoColor(_ expected: Case) {
        let style = TerminalStyle(isTerminal: expected.terminal) { name in
            name == "NO_COLOR" ? expected.noColor : name == "TERM" ? expected.term : nil
        }
        #expect(style.enabled == expected.enabled)
    }

    @Test func paintsWithEscapeCodesOnlyWhenEnabled() {
        let on = TerminalStyle(isTerminal: true) { _ in nil }
        let off = TerminalStyle(isTerminal: false) { _ in nil }
        #expect(on.paint("FAIL", .boldRed) == "\u{1B}[1;31mFAIL\u{1B}[0m")
        #expect(off.paint("FAIL", .boldRed) == "FAIL")
        #expect(on.severity(.warning) == "\u{1B}[33mwarning\u{1B}[0m")
    }
}
