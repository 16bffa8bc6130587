import Foundation
import Testing
import CalDAVClient
@testable import AvailCommands
#if canImport(Glibc)
import Glibc
#endif

/// What Configuration.load accepts as the config file: the user's (or root's)
/// regular file, and one holding a password only when nobody else can read it.
@Suite struct ConfigurationFileTests {
    func directory() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("avail-config-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test(arguments: [0o644, 0o666, 0o640, 0o604])
    func aPasswordOthersCanReadIsRefused(mode: Int) throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/avail/config"
        try FileManager.default.createDirectory(atPath: dir + "/avail", withIntermediateDirectories: true)
        try "url = http://127.0.0.1:58080/\nuser = alice\npassword = alicepw\n".write(toFile: file, atomically: false, encoding: .utf8)
        #expect(chmod(file, mode_t(mode)) == 0)
        let refusal = CalDAVError.invalidConfiguration("\(file) holds a password and can be read by others (mode \(String(mode, radix: 8))): run `chmod 600 \(file)`, or use password_command")
        // With --config and from the default place alike.
        #expect(throws: refusal) { try Configuration.load(path: file, environment: [:]) }
        #expect(throws: refusal) { try Configuration.load(path: nil, environment: ["XDG_CONFIG_HOME": dir]) }
        #expect(refusal.exitCode == 2)
        #expect(chmod(file, 0o600) == 0)
        #expect(try Configuration.load(path: file, environment: [:]).password == "alicepw")
    }

    @Test func withoutAPasswordAReadableConfigIsFine() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "url = http://127.0.0.1:58080/\nuser = alice\n".write(toFile: dir + "/config", atomically: false, encoding: .utf8)
        #expect(chmod(dir + "/config", 0o644) == 0)
        #expect(try Configuration.load(path: dir + "/config", environment: [:]).user == "alice")
    }

    @Test func aFIFOOrAnotherUsersFileIsRefusedAtOnce() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(mkfifo(dir + "/fifo", 0o600) == 0)
        #expect(throws: CalDAVError.invalidConfiguration("cannot read config \(dir)/fifo: it is a FIFO, not a regular file")) {
            try Configuration.load(path: dir + "/fifo", environment: [:])
        }
        // Another user's config could send the password anywhere or run any password_command.
        try "url = http://evil.example/\npassword_command = true\n".write(toFile: dir + "/theirs", atomically: false, encoding: .utf8)
        #expect(chown(dir + "/theirs", 65_534, 65_534) == 0)
        #expect(throws: CalDAVError.invalidConfiguration("cannot read config \(dir)/theirs: it belongs to \(OutsideFileName.nobody), not to you")) {
            try Configuration.load(path: dir + "/theirs", environment: [:])
        }
        #expect(throws: CalDAVError.invalidConfiguration("config file \(dir)/none does not exist")) {
            try Configuration.load(path: dir + "/none", environment: [:])
        }
        #expect(try Configuration.load(path: nil, environment: ["XDG_CONFIG_HOME": dir]) == Configuration())
    }
}

/// How the password database names uid 65534 here.
enum OutsideFileName {
    static var nobody: String {
        guard let pw = getpwuid(65_534), let name = pw.pointee.pw_name else { return "uid 65534" }
        return "\(String(cString: name)) (uid 65534)"
    }
}
