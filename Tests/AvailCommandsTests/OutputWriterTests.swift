import Testing
import Foundation
#if canImport(Glibc)
import Glibc
#endif
@testable import AvailCommands

/// Output that cannot be written is a failure; a reader that went away is not.
@Suite struct OutputWriterTests {
    @Test func aFullDeviceIsAFailure() throws {
        let fd = open("/dev/full", O_WRONLY | O_CLOEXEC)
        try #require(fd >= 0, "no /dev/full on this machine")
        defer { close(fd) }
        let writer = OutputWriter(fileDescriptor: fd)
        #expect(throws: OutputWriter.Failure.cannotWrite(errno: ENOSPC)) { try writer.write("free/busy\n") }
        #expect(OutputWriter.Failure.cannotWrite(errno: ENOSPC).description == "cannot write the output: No space left on device")
    }

    @Test func aClosedPipeEndsTheOutputQuietly() throws {
        signal(SIGPIPE, SIG_IGN) // as AvailMain does: EPIPE instead of death
        var ends: [Int32] = [0, 0]
        try #require(pipe(&ends) == 0)
        close(ends[0])
        defer { close(ends[1]) }
        let writer = OutputWriter(fileDescriptor: ends[1])
        try writer.write("first\n")
        #expect(writer.isReaderGone)
        try writer.write("second\n") // dropped, not retried, not an error
    }

    @Test func onlyADescriptorThatCameThroughExecIsStandardOutput() throws {
        var ends: [Int32] = [0, 0]
        try #require(pipe(&ends) == 0)
        _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
        // Close-on-exec: opened by this process (as libdispatch's eventfd takes a closed stdout's number).
        #expect(!OutputWriter.isInherited(ends[1]))
        _ = fcntl(ends[1], F_SETFD, 0)
        #expect(OutputWriter.isInherited(ends[1]))
        close(ends[0]); close(ends[1])
        #expect(!OutputWriter.isInherited(ends[1]))
        // A writer without a descriptor fails every write: nothing goes astray.
        #expect(throws: OutputWriter.Failure.cannotWrite(errno: EBADF)) { try OutputWriter(fileDescriptor: -1).write("x") }
    }

    @Test func everyByteArrivesThroughPartialWritesAndANonBlockingPipe() async throws {
        var ends: [Int32] = [0, 0]
        try #require(pipe(&ends) == 0)
        // A non-blocking descriptor answers EAGAIN when the pipe (64 KiB) is full.
        _ = fcntl(ends[1], F_SETFL, fcntl(ends[1], F_GETFL) | O_NONBLOCK)
        let text = String(repeating: "0123456789abcdef", count: 64 * 1024) // 1 MiB
        let reader = ends[0]
        let received = Task.detached { () -> Int in
            var total = 0
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                usleep(100) // slower than the writer: the pipe fills, writes come back short or EAGAIN
                let n = buffer.withUnsafeMutableBytes { read(reader, $0.baseAddress, $0.count) }
                if n <= 0 { return total }
                total += n
            }
        }
        try OutputWriter(fileDescriptor: ends[1]).write(text)
        close(ends[1])
        #expect(await received.value == text.utf8.count)
        close(ends[0])
    }
}
