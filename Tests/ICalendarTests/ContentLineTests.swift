import Testing
@testable import ICalendar

@Suite struct ContentLineTests {
    @Test func unfoldsCRLFAndLFAndTabs() {
        let text = "BEGIN:VCALENDAR\r\nSUMMARY:one\r\n  two\r\n\tthree\nX:y\n\nEND:VCALENDAR"
        #expect(ContentLine.unfold(text) == ["BEGIN:VCALENDAR", "SUMMARY:one twothree", "X:y", "END:VCALENDAR"])
    }

    @Test func unfoldsMultibyteTextAtAFold() {
        #expect(ContentLine.unfold("SUMMARY:Café \r\n Zürich\r\n") == ["SUMMARY:Café Zürich"])
    }

    @Test func parsesParameters() throws {
        let line = try ContentLine.parse("ATTENDEE;CN=\"Smith, John\";ROLE=REQ-PARTICIPANT;X-A=a,b:mailto:j@example.com")
        #expect(line.name == "ATTENDEE")
        #expect(line.parameter("cn") == "Smith, John")
        #expect(line.parameter("ROLE") == "REQ-PARTICIPANT")
        #expect(line.parameters.last?.values == ["a", "b"])
        #expect(line.value == "mailto:j@example.com")
    }

    @Test func toleratesDAViCalsUnquotedCommaInCN() throws {
        let line = try ContentLine.parse("ORGANIZER;CN=Smith, John:mailto:j@example.com")
        #expect(line.value == "mailto:j@example.com")
        #expect(line.parameter("CN") == "Smith")
    }

    @Test func valueMayContainColonsAndSemicolons() throws {
        let line = try ContentLine.parse("FREEBUSY;FBTYPE=BUSY:20261207T090000Z/20261207T100000Z")
        #expect(line.parameter("FBTYPE") == "BUSY")
        #expect(line.value == "20261207T090000Z/20261207T100000Z")
        #expect(try ContentLine.parse("DESCRIPTION:a;b:c").value == "a;b:c")
    }

    @Test(arguments: ["no colon here", ":value", "NAME;PARAM:value", "NAME;P=\"unclosed:value", "NA ME:x", ""])
    func refusesMalformedLines(text: String) {
        #expect(throws: ICalendarError.self) { try ContentLine.parse(text) }
    }
}

@Suite struct ComponentTests {
    @Test func parsesNesting() throws {
        let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VFREEBUSY\r\nUID:1\r\nEND:VFREEBUSY\r\nEND:VCALENDAR\r\n"
        let top = try Component.parse(text)
        #expect(top.count == 1 && top[0].name == "VCALENDAR")
        #expect(top[0].property("version")?.value == "2.0")
        #expect(top[0].descendants(named: "vfreebusy").first?.property("UID")?.value == "1")
    }

    @Test func refusesUnbalancedComponents() {
        #expect(throws: ICalendarError.unbalancedComponent("VCALENDAR")) { try Component.parse("BEGIN:VCALENDAR\nBEGIN:VFREEBUSY\nEND:VCALENDAR\n") }
        #expect(throws: ICalendarError.unbalancedComponent("VCALENDAR")) { try Component.parse("BEGIN:VCALENDAR\nX:1\n") }
        #expect(throws: ICalendarError.unbalancedComponent("VEVENT")) { try Component.parse("END:VEVENT\n") }
        #expect(throws: ICalendarError.self) { try Component.parse("X:outside any component\n") }
    }

    @Test func refusesDeepNesting() {
        let text = String(repeating: "BEGIN:X\n", count: 40) + String(repeating: "END:X\n", count: 40)
        #expect(throws: ICalendarError.self) { try Component.parse(text) }
    }
}

@Suite struct ContentLineWriterTests {
    @Test func foldsAt75OctetsWithoutSplittingUTF8() {
        let long = "SUMMARY:" + String(repeating: "é", count: 100) // 2 octets each
        let folded = ContentLineWriter.fold(long)
        #expect(folded.hasSuffix("\r\n"))
        let physical = folded.split(separator: "\r\n", omittingEmptySubsequences: true)
        #expect(physical.count > 1)
        for line in physical { #expect(line.utf8.count <= 75) }
        for line in physical.dropFirst() { #expect(line.hasPrefix(" ")) }
        #expect(ContentLine.unfold(folded) == [long])
    }

    /// The folding, scalar by scalar, as RFC 5545 §3.1 says it: the byte
    /// version must fold exactly here.
    private func referenceFold(_ line: String) -> String {
        var out: [UInt8] = []
        var lineLength = 0
        var limit = 75
        for scalar in line.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if lineLength + bytes.count > limit { out += [0x0D, 0x0A, 0x20]; lineLength = 0; limit = 74 }
            out += bytes
            lineLength += bytes.count
        }
        return String(decoding: out + [0x0D, 0x0A], as: UTF8.self)
    }

    @Test func foldsMixedWidthCharactersWhereTheScalarFoldingDoes() {
        let pieces = ["a", "é", "€", "日本", "😀", "𝄞", " ", ";", "x"]
        for n in [74, 75, 76, 149, 150, 151, 400] {
            var line = "DESCRIPTION:"
            var k = 0
            while line.utf8.count < n { line += pieces[k % pieces.count]; k += 1 }
            let folded = ContentLineWriter.fold(line)
            #expect(folded == referenceFold(line), "length \(n)")
            for physical in folded.split(separator: "\r\n") { #expect(physical.utf8.count <= 75) }
            #expect(ContentLine.unfold(folded) == [line])
        }
    }

    @Test func shortLinesAreNotFolded() {
        #expect(ContentLineWriter.fold("UID:1") == "UID:1\r\n")
        let exactly75 = "X:" + String(repeating: "a", count: 73)
        #expect(ContentLineWriter.fold(exactly75) == exactly75 + "\r\n")
    }

    @Test func quotesAndEscapes() {
        #expect(ContentLineWriter.parameterValue("Smith, John") == "\"Smith, John\"")
        #expect(ContentLineWriter.parameterValue("Bob \"B\"") == "Bob B")
        #expect(ContentLineWriter.escapeText("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne")
    }
}
