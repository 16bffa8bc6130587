import Foundation
import Testing
@testable import AvailCommands

/// `--account` completes the config's account names, without running any password_command.
@Suite struct AccountCompletionTests {
    @Test func accountNamesComeFromTheConfig() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("avail-account-completion-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: home) }
        let marker = home + "/password-command-ran"
        try FileManager.default.createDirectory(atPath: home + "/config/avail", withIntermediateDirectories: true)
        try """
        url = https://cal.work.example/
        password_command = touch \(marker)
        [account home]
        url = https://dav.home.example/
        [account hobby]
        url = https://club.example/
        """.write(toFile: home + "/config/avail/config", atomically: false, encoding: .utf8)
        let sources = ShellCompletion.Sources(environment: ["XDG_CONFIG_HOME": home + "/config", "HOME": home], zoneinfo: "/nonexistent")
        guard case let .words(all) = ShellCompletion.complete(["book", "--account", ""], sources: sources) else {
            Issue.record("no words offered")
            return
        }
        #expect(all.map(\.word) == ["default", "home", "hobby"])
        guard case let .words(some) = ShellCompletion.complete(["query", "--account", "ho"], sources: sources) else {
            Issue.record("no words offered")
            return
        }
        #expect(some.map(\.word) == ["home", "hobby"])
        #expect(!FileManager.default.fileExists(atPath: marker), "completion must not run password_command")
    }
}
