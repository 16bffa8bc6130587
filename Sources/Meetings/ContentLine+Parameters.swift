import ICalendar

extension ContentLine {
    /// The line with one parameter set to a single value, in place when it is
    /// there (so the order of the others stays as it was), else at the end.
    func setting(_ name: String, _ value: String) -> ContentLine {
        var line = self
        let wanted = name.uppercased()
        if let i = line.parameters.firstIndex(where: { $0.name == wanted }) {
            line.parameters[i].values = [value]
            // A parameter given twice (not allowed, but seen) keeps its first place only.
            let later = line.parameters.indices.filter { $0 > i && line.parameters[$0].name == wanted }
            for j in later.reversed() { line.parameters.remove(at: j) }
        } else {
            line.parameters.append(Parameter(name: wanted, values: [value]))
        }
        return line
    }

    func removing(_ names: String...) -> ContentLine {
        var line = self
        let wanted = Set(names.map { $0.uppercased() })
        line.parameters.removeAll { wanted.contains($0.name) }
        return line
    }
}

extension Component {
    /// Sets a property's value in place (its parameters kept), or appends it.
    mutating func setValue(_ name: String, _ value: String) {
        let wanted = name.uppercased()
        if let i = properties.firstIndex(where: { $0.name == wanted }) {
            properties[i].value = value
        } else {
            properties.append(ContentLine(name: wanted, value: value))
        }
    }
}
