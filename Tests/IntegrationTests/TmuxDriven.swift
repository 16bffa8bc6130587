import Foundation
import Testing

/// A test that drives the real planner in a tmux session of its own: send
/// keys, read the screen, wait for it to show something.
protocol TmuxDriven {
    /// The tmux session's name (unique per test process).
    var session: String { get }
    /// The screen as text (a test with a tmux server of its own reads it there).
    func screen() throws -> String
}

extension TmuxDriven {
    @discardableResult
    func tmux(_ args: [String]) throws -> String {
        try spawnAndWait(["tmux"] + args).output
    }

    func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", session]) }

    /// Polls the screen until `condition` holds, for up to `seconds`; a time-out
    /// is recorded as a failure with the last screen.
    @discardableResult
    func waitFor(_ seconds: Double, _ what: String, _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if condition(last) { return last }
            Thread.sleep(forTimeInterval: 0.1)
        }
        Issue.record("timed out waiting for \(what); screen was:\n\(last)")
        return last
    }
}
