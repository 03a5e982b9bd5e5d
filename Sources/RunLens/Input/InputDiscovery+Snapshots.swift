extension InputDiscovery {
    /// The name Hugging Face's Trainer gives its history, in its output folder and again in
    /// each `checkpoint-N` folder inside it.
    static let trainerState = "trainer_state.json"

    /// The files of `files` to read, and one note per file left out: a Trainer checkpoint's
    /// `trainer_state.json` (in `OUT/checkpoint-N/`) is a snapshot of the history that
    /// `OUT/trainer_state.json` holds in full, or else that the latest checkpoint's holds.
    /// Reading them all would count every logged step once per snapshot.
    static func withoutTrainerSnapshots(
        _ files: [String]
    ) -> (files: [String], notes: [SkippedInput]) {
        let given = Set(files)
        var latest: [String: (number: Int, path: String)] = [:]
        for path in files {
            guard let (output, number) = checkpointState(path) else { continue }
            let complete = output.isEmpty ? trainerState : output + "/" + trainerState
            if given.contains(complete) { continue }
            if number > latest[output]?.number ?? -1 { latest[output] = (number, path) }
        }
        var kept: [String] = []
        var notes: [SkippedInput] = []
        for path in files {
            guard let (output, _) = checkpointState(path) else {
                kept.append(path)
                continue
            }
            let whole = latest[output]?.path ?? (output.isEmpty ? "" : output + "/") + trainerState
            if whole == path {
                kept.append(path)
            } else {
                notes.append(
                    SkippedInput(
                        path: path, reason: "a checkpoint's copy of the history in '\(whole)'"))
            }
        }
        return (kept, notes)
    }

    /// The output folder and checkpoint number of `OUT/checkpoint-N/trainer_state.json`.
    private static func checkpointState(_ path: String) -> (output: String, number: Int)? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[parts.count - 1] == Substring(trainerState) else {
            return nil
        }
        let folder = parts[parts.count - 2]
        guard folder.hasPrefix("checkpoint-"), let number = Int(folder.dropFirst(11)) else {
            return nil
        }
        return (parts.dropLast(2).joined(separator: "/"), number)
    }
}
