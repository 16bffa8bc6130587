import Testing
#if canImport(Glibc)
import Glibc
#endif
import TextUtilities

/// The shared text helpers (TextUtilities has no test target of its own; FreeBusy depends on it).
@Suite struct TextUtilitiesTests {
    @Test func environmentEntriesBecomeVariables() {
        let v = ProcessEnvironment.variables(["TZ=Europe/Berlin", "AVAIL_PASSWORD=a=b==", "EMPTY=", "NOEQUALS", "=nameless", "TZ=UTC"])
        #expect(v == ["TZ": "Europe/Berlin", "AVAIL_PASSWORD": "a=b==", "EMPTY": ""]) // the first TZ wins, as getenv reads it
    }

    @Test func theProcessEnvironmentIsWhatGetenvSees() throws {
        #expect(!ProcessEnvironment.current.isEmpty)
        for (name, value) in ProcessEnvironment.current {
            let seen = try #require(getenv(name), "\(name) is not in the environment")
            #expect(String(cString: seen) == value, "\(name)")
        }
    }

    @Test func zeroPadding() {
        #expect(7.zeroPadded(to: 2) == "07")
        #expect(2026.zeroPadded(to: 4) == "2026")
        #expect(12345.zeroPadded(to: 4) == "12345") // never cut
        #expect(0.zeroPadded(to: 3) == "000")
        #expect((-7).zeroPadded(to: 2) == "-07")
        #expect(UInt8(0x0A).zeroPadded(to: 2, radix: 16, uppercase: true) == "0A")
        #expect(UInt32(0x1B).zeroPadded(to: 4, radix: 16) == "001b")
        #expect(UInt64(0xab).zeroPadded(to: 16, radix: 16) == "00000000000000ab")
        // The decimal fast path writes what String(_:radix:) writes, padded.
        let values: [UInt64] = [0, 1, 9, 10, 59, 60, 99, 100, 999, 2026, 86_400, 1 << 32, UInt64(Int64.max), UInt64.max]
        for v in values {
            let plain = String(v)
            for width in [0, 1, 2, 4, 8, 20, 25] {
                let expected = String(repeating: "0", count: max(0, width - plain.count)) + plain
                #expect(v.zeroPadded(to: width) == expected)
                if let i = Int(exactly: v) { #expect(i.zeroPadded(to: width) == expected) }
            }
        }
        #expect(Int.min.zeroPadded(to: 2) == String(Int.min))
        #expect(UInt8(255).zeroPadded(to: 4) == "0255")
    }

    @Test func percentEncodingKeepsWhatTheCallerAllows() {
        let unreserved = { (b: UInt8) in b.isURIUnreserved }
        #expect("a-Z_0.~".percentEncoded(keeping: unreserved) == "a-Z_0.~")
        #expect("a b/c".percentEncoded(keeping: unreserved) == "a%20b%2Fc")
        #expect("\u{1}é".percentEncoded(keeping: unreserved) == "%01%C3%A9")
        #expect("bob@x".percentEncoded(keeping: unreserved) == "bob%40x")
        #expect("bob@x".percentEncoded { $0.isURIUnreserved || $0 == UInt8(ascii: "@") } == "bob@x")
        for s in ["a b", "é/ü?#", "\u{0}\u{7F}", "%41"] { #expect(s.percentEncoded(keeping: unreserved).percentDecoded == s) }
    }
}
