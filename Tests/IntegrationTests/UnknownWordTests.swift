import Foundation
import Testing

/// A mistyped subcommand through the real binary: one line naming the
/// closest command, exit 2, and not "the planner needs a terminal".
@Suite struct UnknownWordTests {
    @Test func aMistypedCommandIsNamed() throws {
        let run = try runAvail(["qeury", "bob@example.com"], environment: [:])
        #expect(run.status == 2)
        #expect(run.stderr == "avail: unknown command or attendee 'qeury'; did you mean `avail query`?\n")
        #expect(run.stdout.isEmpty)
        let far = try runAvail(["zzzzzzzzzz"], environment: [:])
        #expect(far.status == 2)
        #expect(far.stderr == "avail: unknown command or attendee 'zzzzzzzzzz': not a subcommand, a group or an address (see `avail help`)\n")
    }
}
