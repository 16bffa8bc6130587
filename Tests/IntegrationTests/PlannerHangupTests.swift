import Foundation
import Testing

extension LocalServerSuites {
/// The planner's terminal can vanish without a SIGHUP reaching avail: a
/// terminal closed while another process group had the foreground (a
/// password_command's), or a session without a controlling terminal. Reading
/// it then fails at once, forever: the planner must leave (as a hangup does,
/// 129), never spin at 100% CPU.
@Suite(.serialized) struct PlannerHangupTests {
    @Test func aTerminalThatVanishesEndsThePlanner() throws {
        let bin = try LocalServers.availBinary().path
        let home = try scratchHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        // A pty whose only holder of the other end closes it; avail in a session of
        // its own (setsid), so the pty is not its controlling terminal and no SIGHUP comes.
        let script = """
        import os, subprocess, sys, time, select
        master, slave = os.openpty()
        env = {"HOME": sys.argv[2], "TERM": "xterm-256color", "LANG": "C.UTF-8", "TZ": "UTC", "PATH": "/usr/bin:/bin"}
        p = subprocess.Popen([sys.argv[1], "--demo"], stdin=slave, stdout=slave, stderr=slave, start_new_session=True, env=env)
        os.close(slave)
        seen, deadline = b"", time.time() + 10
        while b"DEMO" not in seen and time.time() < deadline:
            r, _, _ = select.select([master], [], [], 0.2)
            if r:
                try: seen += os.read(master, 65536)
                except OSError: break
        if b"DEMO" not in seen: print("NO-SCREEN"); p.kill(); sys.exit(0)
        os.close(master)
        start = time.time()
        try:
            rc = p.wait(timeout=5)
            print("EXIT %d %.2f" % (rc, time.time() - start))
        except subprocess.TimeoutExpired:
            p.kill(); p.wait(); print("STILL-RUNNING")
        """
        let run = try spawnAndWait(["/usr/bin/python3", "-c", script, bin, home], timeout: 30)
        let line = run.output.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(line.hasPrefix("EXIT 129 "), "the planner after its terminal vanished: \(line)")
        if line.hasPrefix("EXIT "), let seconds = Double(line.split(separator: " ").last ?? "") {
            #expect(seconds < 3, "it took \(seconds) s to notice")
        }
    }
}
}
