import Testing
import TextUtilities

/// The shared text helpers (TextUtilities has no test target of its own; FreeBusy depends on it).
@Suite struct TextUtilitiesTests {
    @Test func zeroPadding() {
        #expect(7.zeroPadded(to: 2) == "07")
        #expect(2026.zeroPadded(to: 4) == "2026")
        #expect(12345.zeroPadded(to: 4) == "12345") // never cut
        #expect(0.zeroPadded(to: 3) == "000")
        #expect((-7).zeroPadded(to: 2) == "-07")
        #expect(UInt8(0x0A).zeroPadded(to: 2, radix: 16, uppercase: true) == "0A")
        #expect(UInt32(0x1B).zeroPadded(to: 4, radix: 16) == "001b")
        #expect(UInt64(0xab).zeroPadded(to: 16, radix: 16) == "00000000000000ab")
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
