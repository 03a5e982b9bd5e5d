import Foundation

/// Tells apart digest runs whose derived names collide, by where they were read from.
///
/// Runs named after the folders they came from often share a name (`job-a/logs`,
/// `job-b/logs`). Numbering them by position (`logs (2)`) would pair another job with this
/// one in next week's `--previous` comparison whenever the order changes, so a run whose
/// name is its source's last path component takes the fewest folders above it that tell it
/// from the others (`job-a/logs`); any other run keeps its name with that path in brackets
/// (`logs (week2/job-a-report)`). Runs that share a path too are numbered ` (2)`, ` (3)`.
enum RunNameCollisions {
    /// `runs` with every name distinct.
    static func resolve(_ runs: [DigestRun]) -> [DigestRun] {
        var result = runs
        var indicesOfName: [String: [Int]] = [:]
        for (index, run) in runs.enumerated() { indicesOfName[run.name, default: []].append(index) }
        for (_, indices) in indicesOfName where indices.count > 1 {
            let named = qualified(indices.map { runs[$0] })
            for (index, name) in zip(indices, named) { result[index].name = name }
        }
        return numbered(result)
    }

    /// Names for runs that share one name, qualified by their first source's path.
    private static func qualified(_ runs: [DigestRun]) -> [String] {
        let folders = runs.map { run in
            URL(fileURLWithPath: run.sources.first ?? "").standardized.pathComponents
                .filter { $0 != "/" }
        }
        return runs.indices.map { index in
            let run = runs[index]
            let own = folders[index]
            let isLabel = own.last.map { RunName.label($0) == run.name } ?? false
            let parents = isLabel ? Array(own.dropLast()) : own
            let others = folders.indices.filter { $0 != index }.map { other in
                isLabel ? Array(folders[other].dropLast()) : folders[other]
            }
            guard let count = distinguishing(parents, from: others) else { return run.name }
            let path = parents.suffix(count).joined(separator: "/")
            return isLabel ? "\(path)/\(run.name)" : "\(run.name) (\(path))"
        }
    }

    /// The fewest last components of `path` that no path in `others` ends with; nil when
    /// every suffix is shared.
    private static func distinguishing(_ path: [String], from others: [[String]]) -> Int? {
        guard !path.isEmpty else { return nil }
        for count in 1...path.count {
            let tail = path.suffix(count)
            if !others.contains(where: { $0.suffix(count) == tail }) { return count }
        }
        return nil
    }

    /// `runs` with names still shared numbered in order: ` (2)`, ` (3)`, ….
    private static func numbered(_ runs: [DigestRun]) -> [DigestRun] {
        var taken = Set(runs.map(\.name))
        var seen: Set<String> = []
        var result = runs
        for index in result.indices {
            let name = result[index].name
            guard seen.contains(name) else {
                seen.insert(name)
                continue
            }
            var number = 2
            while taken.contains("\(name) (\(number))") { number += 1 }
            result[index].name = "\(name) (\(number))"
            taken.insert(result[index].name)
        }
        return result
    }
}
