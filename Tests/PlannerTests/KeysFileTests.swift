import Foundation
import Testing
@testable import Planner
#if canImport(Glibc)
import Glibc
#endif

/// The user's keys file: `bind`, `unbind`, comments, and a report with file
/// and line for every line that is not applied.
@Suite struct KeysFileTests {
    func parse(_ text: String) -> (KeyBindings, [KeysFile.Problem]) { KeysFile.parse(text, file: "keys") }

    @Test func bindReplacesTheActionsDefaultKeys() {
        let (keys, problems) = parse("""
        bind next-slot f
        bind quit x Q
        bind previous-window PageUp C-b
        bind previous-window Space
        """)
        #expect(problems.isEmpty)
        #expect(keys.action(for: .char("f")) == .nextSlot)
        #expect(keys.action(for: .char("n")) == nil) // n no longer finds a slot
        #expect(keys.keys(for: .quit) == [.char("x"), .char("Q")])
        #expect(keys.action(for: .char("q")) == nil)
        // A second bind line adds; H, a default replaced, is free.
        #expect(keys.keys(for: .previousWindow) == [.pageUp, .ctrl("b"), .char(" ")])
        #expect(keys.action(for: .char("H")) == nil)
        #expect(keys.label(for: .previousWindow) == "PgUp C-b Space")
        // Everything else keeps its defaults.
        #expect(keys.action(for: .char("d")) == .removeAttendee)
        #expect(keys.action(for: .char("=")) == .zoomIn)
    }

    @Test func commentsAndBlankLinesAreSkipped() {
        let (keys, problems) = parse("""
        # my keys

        \t# indented comment
        bind next-slot f   # f for free
        bind quit x# not a comment: x# is one word
        """)
        #expect(keys.action(for: .char("f")) == .nextSlot)
        #expect(problems.map(\.description) == ["keys:5: unknown key `x#` (a character, C-a … C-z, or one of Up, Down, Left, Right, PageUp, PageDown, Home, End, Tab, Enter, Esc, Backspace, Delete, Space, Hash)"])
        #expect(keys.action(for: .char("q")) == .quit) // the bad line changed nothing
    }

    @Test func anUnknownActionIsReportedWithItsLine() {
        let (keys, problems) = parse("bind quit x\nbind next-free f\n")
        #expect(problems.count == 1)
        #expect(problems.first?.line == 2)
        #expect(problems.first?.message.hasPrefix("unknown action `next-free` (known: left, right, up, down, previous-window") == true)
        #expect(keys.action(for: .char("f")) == nil)
        #expect(keys.action(for: .char("x")) == .quit)
    }

    @Test func anUnknownKeyNameSkipsTheWholeLine() {
        let (keys, problems) = parse("bind next-slot f PgUpp\n")
        #expect(problems.map(\.line) == [1])
        #expect(problems.first?.message.hasPrefix("unknown key `PgUpp`") == true)
        #expect(keys.action(for: .char("f")) == nil && keys.action(for: .char("n")) == .nextSlot)
    }

    @Test func otherMalformedLines() {
        let (_, problems) = parse("bind next-slot\nunbind\nmap n f\nbind quit C-c\nbind help C-i\n")
        #expect(problems.map(\.description) == [
            "keys:1: expected `bind ACTION KEY...`",
            "keys:2: expected `unbind KEY...`",
            "keys:3: unknown command `map` (expected `bind ACTION KEY...` or `unbind KEY...`)",
            "keys:4: C-c cannot be bound: C-c always quits and C-z suspends",
            "keys:5: `C-i` reaches avail as Tab; write Tab",
        ])
    }

    @Test func aKeyBoundTwiceNamesBothActions() {
        // Against a default: d stays remove-attendee's.
        var (keys, problems) = parse("bind next-slot d\n")
        #expect(problems.map(\.description) == ["keys:1: key d is bound twice: to next-slot here and to remove-attendee by default; `unbind d` first"])
        #expect(keys.action(for: .char("d")) == .removeAttendee)
        #expect(keys.keys(for: .nextSlot).isEmpty)
        // Against another line: the earlier line keeps it.
        (keys, problems) = parse("bind next-slot f\nbind book b\n\nbind quit f x\n")
        #expect(problems.map(\.description) == ["keys:4: key f is bound twice: to quit here and to next-slot on line 1; `unbind f` first"])
        #expect(keys.action(for: .char("f")) == .nextSlot)
        #expect(keys.keys(for: .quit) == [.char("x")])
        // A default freed by rebinding its action can be taken, in either order.
        (keys, problems) = parse("bind next-slot d\nbind remove-attendee x\n")
        #expect(problems.isEmpty)
        #expect(keys.action(for: .char("d")) == .nextSlot && keys.action(for: .char("x")) == .removeAttendee)
    }

    @Test func unbindTakesKeysFromTheirAction() {
        var (keys, problems) = parse("unbind d PageDown\n")
        #expect(problems.isEmpty)
        #expect(keys.action(for: .char("d")) == nil && keys.action(for: .pageDown) == nil)
        #expect(keys.label(for: .removeAttendee) == "(none)")
        #expect(keys.label(for: .nextWindow) == "L")
        #expect(!keys.legendHints.contains("d del"))
        (keys, problems) = parse("unbind d\nbind next-slot d\n")
        #expect(problems.isEmpty && keys.action(for: .char("d")) == .nextSlot)
        (keys, problems) = parse("unbind =\n")
        #expect(problems.isEmpty && keys.action(for: .char("=")) == nil && keys.action(for: .char("+")) == .zoomIn)
    }

    @Test func theLegendShowsTheKeysInEffect() {
        #expect(KeyBindings.defaults.legendHints == ["? help", "q quit", "a add", "d del", "n next free", "L next week", "+/- zoom", "w hours"])
        let (keys, _) = parse("bind next-slot f\nbind zoom-out _\nbind next-window PageDown\n")
        #expect(keys.legendHints == ["? help", "q quit", "a add", "d del", "f next free", "PgDn next week", "+/_ zoom", "w hours"])
    }

    @Test func keyNamesReadBackWhatTheyPrint() throws {
        let keys: [PlannerKey] = PlannerKey.named.map(\.key) + [.char("f"), .char("?"), .char("é"), .ctrl("b")]
        for key in keys { #expect(try PlannerKey(name: key.name) == key) }
        #expect(try PlannerKey(name: "pageup") == .pageUp)
        #expect(try PlannerKey(name: "PgDn") == .pageDown)
        #expect(try PlannerKey(name: "←") == .left)
        #expect(try PlannerKey(name: "C-X") == .ctrl("x"))
        #expect(throws: PlannerKey.NameProblem.unknown("C-1")) { try PlannerKey(name: "C-1") }
        #expect(throws: PlannerKey.NameProblem.sameAs("C-m", name: "Enter")) { try PlannerKey(name: "C-m") }
    }

    // MARK: The file itself

    func configHome() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("avail-keys-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir + "/avail", withIntermediateDirectories: true)
        return dir
    }

    @Test func theFileIsFoundInTheConfigDirectory() throws {
        #expect(KeysFile.path(environment: ["XDG_CONFIG_HOME": "/x"], home: "/h") == "/x/avail/keys")
        #expect(KeysFile.path(environment: ["HOME": "/home/a"], home: "/h") == "/home/a/.config/avail/keys")
        #expect(KeysFile.path(environment: ["XDG_CONFIG_HOME": ""], home: "/h") == "/h/.config/avail/keys")
        let home = try configHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let path = home + "/avail/keys"
        var (keys, problems) = KeysFile.load(path: path)
        #expect(keys == .defaults && problems.isEmpty) // no file: the defaults, nothing to say
        try "bind next-slot f\nbind nothing x\n".write(toFile: path, atomically: false, encoding: .utf8)
        (keys, problems) = KeysFile.load(path: path)
        #expect(keys.action(for: .char("f")) == .nextSlot)
        #expect(problems.map(\.description).first?.hasPrefix(path + ":2: unknown action `nothing`") == true)
    }

    @Test func aFIFOInTheFilesPlaceIsRefusedAtOnce() throws {
        let home = try configHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let path = home + "/avail/keys"
        #expect(mkfifo(path, 0o600) == 0)
        let (keys, problems) = KeysFile.load(path: path)
        #expect(keys == .defaults)
        #expect(problems.map(\.description) == [path + ": cannot read it: it is a FIFO, not a regular file; using the default keys"])
    }

    @Test func anotherUsersFileIsRefused() throws {
        let home = try configHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let path = home + "/avail/keys"
        try "bind quit x\n".write(toFile: path, atomically: false, encoding: .utf8)
        #expect(chown(path, 65_534, 65_534) == 0)
        let (keys, problems) = KeysFile.load(path: path)
        #expect(keys == .defaults)
        #expect(problems.first?.message.hasPrefix("cannot read it: it belongs to ") == true)
        #expect(problems.first?.message.hasSuffix("not to you; using the default keys") == true)
    }
}
