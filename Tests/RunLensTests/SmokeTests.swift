import Testing

@testable import RunLens

struct SmokeTests {
    @Test func inputErrorNamesThePath() {
        let error = InputError(path: "a.jsonl", kind: .notFound)
        #expect(error.description == "cannot read 'a.jsonl': no such file or directory")
    }
}
