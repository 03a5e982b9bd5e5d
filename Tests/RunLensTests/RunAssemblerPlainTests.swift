import Testing

@testable import RunLens

/// The values of ordinary records go to the series the stream's cache holds; records of
/// other shapes in between (a new field, a missing one, a device, an evaluation, an array)
/// take the general way, and every point still reaches its series once, in step order.
struct RunAssemblerPlainTests {
    /// The line of step `step` of one rank: `loss` is the step plus 100 a rank, `lr` 0.1,
    /// `grad_norm` ten times the step from step 6 on; step 10 has no `lr`, step 12 names
    /// GPU 1, step 14 is an evaluation with a step time, step 16 adds an array.
    static func line(step: Int, rank: Int) -> String {
        var members = [
            #""step": \#(step)"#, #""rank": \#(rank)"#, #""loss": \#(step + 100 * rank)"#,
        ]
        if step != 10 { members.append(#""lr": 0.1"#) }
        if step >= 6 { members.append(#""grad_norm": \#(step * 10)"#) }
        switch step {
        case 12: members.append(#""gpu": 1"#)
        case 14: members += [#""step_time": 0.5"#, #""mode": "val""#]
        case 16: members.append(#""scores": [1, 2]"#)
        default: break
        }
        return "{" + members.joined(separator: ", ") + "}"
    }

    /// The points of each series by its name, rank and device (`loss 0 -1`).
    static func assemble(ranks: Int) -> [String: [Point]] {
        let fields = FieldTable(matcher: RoleMatcher())
        let assembler = RunAssembler(fields: fields, holdBack: 4)
        let log = RunAssemblerTests.PointLog()
        assembler.addObserver(log)
        let lines = (1...24).flatMap { step in (0..<ranks).map { line(step: step, rank: $0) } }
        RunAssemblerTests.feed(lines, to: assembler, fields: fields)
        var points: [String: [Point]] = [:]
        for (index, descriptor) in log.descriptors.enumerated() {
            let key = "\(descriptor.name) \(descriptor.key.rank) \(descriptor.key.device)"
            points[key] = log.bySeries[index]
        }
        return points
    }

    @Test(arguments: [1, 3])
    func everyValueReachesItsSeriesOnceInStepOrder(ranks: Int) {
        let points = Self.assemble(ranks: ranks)
        func steps(_ key: String) -> [Double] { points[key, default: []].map(\.step) }
        func values(_ key: String) -> [Double] { points[key, default: []].map(\.value) }
        let allSteps = (1...24).map(Double.init)

        for rank in 0..<ranks {
            let loss = allSteps.filter { $0 != 12 }
            #expect(steps("loss \(rank) -1") == loss)
            #expect(values("loss \(rank) -1") == loss.map { $0 + Double(100 * rank) })
            #expect(steps("lr \(rank) -1") == allSteps.filter { $0 != 10 && $0 != 12 })
            #expect(values("lr \(rank) -1").allSatisfy { $0 == 0.1 })
            let gradients = allSteps.filter { $0 >= 6 && $0 != 12 }
            #expect(steps("grad_norm \(rank) -1") == gradients)
            #expect(values("grad_norm \(rank) -1") == gradients.map { $0 * 10 })

            #expect(values("loss \(rank) 1") == [Double(12 + 100 * rank)])
            #expect(steps("lr \(rank) 1") == [12])
            #expect(values("grad_norm \(rank) 1") == [120])
            #expect(steps("scores \(rank) 0") == [16])
            #expect(values("scores \(rank) 0") == [1])
            #expect(values("scores \(rank) 1") == [2])
        }
        // The evaluation's step time times the evaluation loop: no sample.
        #expect(points.keys.filter { $0.hasPrefix("step_time") }.isEmpty)
        #expect(points.count == 8 * ranks)
    }
}
