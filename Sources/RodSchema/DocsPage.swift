import RodCore

/// `/api/docs/`: the OpenAPI document as one self-contained HTML page (no script, nothing fetched), with every
/// operation by tag and every schema as its TypeScript declaration.
public enum DocsPage {
    public static func html(catalog: APICatalog, schemas: SchemaSet, serverVersion: String) -> String {
        var body = "<h1>Realm of Darkness API <small>\(escape(serverVersion))</small></h1>\n"
        body +=
            "<p>Machine-readable: <a href=\"/api/openapi.json\">OpenAPI 3.1</a>, <a href=\"/api/schema/\">JSON Schema and TypeScript</a>.</p>\n"
        body += "<nav><ul>"
        for tag in APICatalog.tags { body += "<li><a href=\"#tag-\(tag.name)\">\(tag.name)</a></li>" }
        body += "<li><a href=\"#schemas\">schemas</a></li></ul></nav>\n"
        let operations = catalog.operations
        for tag in APICatalog.tags {
            body += "<section id=\"tag-\(tag.name)\"><h2>\(tag.name)</h2><p>\(inline(tag.description))</p>\n"
            for operation in operations where operation.tag == tag.name { body += render(operation) }
            body += "</section>\n"
        }
        body += "<section id=\"schemas\"><h2>Schemas</h2>\n"
        for name in schemas.names {
            guard let schema = schemas[name] else { continue }
            body += "<h3 id=\"schema-\(name)\">\(name)</h3>"
            if let description = schema["description"]?.stringValue { body += "<p>\(inline(description))</p>" }
            body += "<pre>\(escape(TypeScript.type(schema, indent: "")))</pre>\n"
        }
        body += "</section>\n"
        return """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Realm of Darkness API</title>
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <style>
            body{font:15px/1.5 system-ui,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;color:#222}
            h2{border-bottom:2px solid #8a0303;margin-top:2.5rem}nav ul{display:flex;gap:1rem;list-style:none;padding:0}
            .op{border:1px solid #ddd;border-radius:6px;margin:1rem 0;padding:.5rem 1rem}
            .method{font-weight:bold;font-family:monospace;padding:0 .4rem;border-radius:4px;background:#eee}
            code,pre{font-family:ui-monospace,monospace;font-size:13px}pre{background:#f6f6f6;padding:.5rem;overflow:auto}
            table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.2rem .5rem;text-align:left;vertical-align:top}
            </style></head><body>
            \(body)</body></html>

            """
    }

    private static func render(_ operation: Operation) -> String {
        var html =
            "<div class=\"op\" id=\"\(operation.id)\"><p><span class=\"method\">\(operation.method)</span> <code>\(escape(operation.path))</code> "
        html += "— \(inline(operation.summary))</p>"
        if let description = operation.description { html += "<p>\(inline(description))</p>" }
        if operation.security != .none { html += "<p>Security: <code>\(operation.security.rawValue)</code></p>" }
        if !operation.parameters.isEmpty {
            html += "<table><tr><th>parameter</th><th>in</th><th></th></tr>"
            for parameter in operation.parameters {
                html +=
                    "<tr><td><code>\(escape(parameter.name))</code></td><td>\(parameter.place.rawValue)</td><td>\(inline(parameter.description))</td></tr>"
            }
            html += "</table>"
        }
        if let body = operation.body { html += "<p>Body: \(describe(body))</p>" }
        html += "<table><tr><th>status</th><th></th><th>body</th></tr>"
        for response in operation.responses {
            html +=
                "<tr><td>\(response.status)</td><td>\(inline(response.description))</td><td>\(describe(response.body))</td></tr>"
        }
        return html + "</table></div>\n"
    }

    private static func describe(_ body: Operation.Body) -> String {
        switch body {
        case .json(let schema): "<code>\(linked(escape(TypeScript.type(schema, indent: ""))))</code>"
        case .text: "text"
        case .html: "HTML"
        case .empty: "empty"
        case .bytes(let types): types.joined(separator: ", ")
        }
    }

    /// Links the names of schemas in a TypeScript rendering (words starting with a capital letter).
    private static func linked(_ text: String) -> String {
        var out = ""
        var word = ""
        func flush() {
            if let first = word.first, first.isUppercase, word != "Array", word != "Record" {
                out += "<a href=\"#schema-\(word)\">\(word)</a>"
            } else {
                out += word
            }
            word = ""
        }
        for character in text {
            if character.isLetter || character.isNumber || character == "_" {
                word.append(character)
            } else {
                flush()
                out.append(character)
            }
        }
        flush()
        return out.replacingOccurrences(of: "\n", with: "<br>")
    }

    /// Escapes text and turns `code` spans into `<code>`.
    private static func inline(_ text: String) -> String {
        let parts = escape(text).split(separator: "`", omittingEmptySubsequences: false)
        return parts.enumerated().map { $0.offset % 2 == 1 ? "<code>\($0.element)</code>" : String($0.element) }.joined()
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
