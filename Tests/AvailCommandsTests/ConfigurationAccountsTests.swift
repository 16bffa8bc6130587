import Testing
import CalDAVClient
@testable import AvailCommands

/// `[account NAME]` sections: what they hold, what they inherit, and the
/// one-line errors (with the line) for what is wrong in them.
@Suite struct ConfigurationAccountsTests {
    let text = """
    timeout = 12
    theme = light
    url = https://work.example/dav/
    user = alice
    password = workpw
    domains = work.example

    [account home]   # the personal server
    url = https://home.example/
    user = ali
    password_command = pass show home
    domains = home.example, family.example

    [account club]
    url = https://club.example/
    """

    @Test func sectionsAreAccountsAfterTheDefaultOne() throws {
        let c = try Configuration.parse(text)
        #expect(c.accountNames == ["default", "home", "club"])
        #expect(c.hasSeveralAccounts)
        let home = try c.selecting("home")
        #expect(home.url == "https://home.example/" && home.user == "ali" && home.passwordCommand == "pass show home")
        #expect(home.domains == ["home.example", "family.example"] && home.accountName == "home")
        #expect(home.timeout == 12 && home.theme == "light", "shared settings carry into the section")
        let club = try c.selecting("club")
        #expect(club.password == nil && club.user == nil && club.domains.isEmpty,
                "the password, user and domains above never go to another server")
        let first = try c.selecting(nil)
        #expect(first.url == "https://work.example/dav/" && first.password == "workpw" && first.accountName == "default")
        #expect(try c.selecting("default") == first)
        #expect(throws: CalDAVError.invalidConfiguration("no account \"gym\" in the config (accounts: default, home, club)")) {
            try c.selecting("gym")
        }
    }

    @Test func withoutATopURLTheFirstSectionIsTheDefault() throws {
        let c = try Configuration.parse("timeout = 5\n[account a]\nurl = https://a.example/\n[account b]\nurl = https://b.example/\n")
        #expect(c.accountNames == ["a", "b"])
        #expect(try c.selecting(nil).url == "https://a.example/")
    }

    @Test func aConfigWithoutSectionsMeansWhatItMeantBefore() throws {
        let c = try Configuration.parse("url = https://cal.example/\nuser = alice\n")
        #expect(c.accountNames == ["default"] && !c.hasSeveralAccounts)
        let chosen = try c.selecting(nil)
        #expect(chosen == c && chosen.accountName == nil)
        #expect(throws: CalDAVError.invalidConfiguration("no account \"home\" in the config: it has no [account] sections")) {
            try c.selecting("home")
        }
    }

    @Test func mistakesInSectionsNameTheLine() {
        let cases: [(String, Int, String)] = [
            ("url = https://a.example/\n[account]\n", 2, "a section is `[account NAME]`, e.g. [account home]"),
            ("[acount home]\nurl = https://a.example/\n", 1, "a section is `[account NAME]`, e.g. [account home]"),
            ("[account home\n", 1, "a section is `[account NAME]`, e.g. [account home]"),
            ("[account ho/me]\nurl = https://a.example/\n", 1, "account name \"ho/me\" may hold only letters, digits, - _ and ."),
            ("[account default]\nurl = https://a.example/\n", 1, "the name `default` is the account above the first section; give this one another name"),
            ("[account a]\nurl = https://a.example/\n[account a]\nurl = https://b.example/\n", 3, "account a is already defined above"),
            ("[account a]\nuser = alice\n[account b]\nurl = https://b.example/\n", 1, "[account a] has no url"),
            ("[account a]\nurl = https://a.example/\n[account b]\n", 3, "[account b] has no url"),
            ("[account a]\nurl = https://a.example/\ntheme = light\n", 3, "theme is for all accounts: put it above the first [account] section"),
            ("[account a]\nurl = https://a.example/\ndomains = a@b.example\n", 3,
             "domains must be mail domains separated by commas, e.g. domains = example.com, example.org"),
            ("[account a]\nurl = https://a.example/\nfrobnicate = 1\n", 3, "unknown key `frobnicate` (known: \(Configuration.knownKeys.joined(separator: ", ")))"),
        ]
        for (text, line, message) in cases {
            #expect(throws: Configuration.ParseError(path: "config", line: line, message: message), "\(text.debugDescription)") {
                try Configuration.parse(text)
            }
        }
    }

    /// The environment names the top account; AVAIL_ACCOUNT and --account choose.
    @Test func environmentVariablesApplyToTheAccountAboveTheSections() throws {
        let c = try Configuration.parse("[account home]\nurl = https://home.example/\n")
        var withEnv = c
        withEnv.url = "https://env.example/"
        #expect(withEnv.accountNames == ["default", "home"])
        #expect(try withEnv.selecting("home").url == "https://home.example/")
        let options = try ConnectionOptions(ParsedArguments())
        #expect(options.chosenAccount(["AVAIL_ACCOUNT": "home"]) == "home")
        #expect(options.chosenAccount(["AVAIL_ACCOUNT": ""]) == nil)
        var flagged = ParsedArguments()
        flagged.values["account"] = ["club"]
        #expect(try ConnectionOptions(flagged).chosenAccount(["AVAIL_ACCOUNT": "home"]) == "club", "--account wins")
    }
}
