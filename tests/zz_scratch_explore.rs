use wpk_timeline::model::load::*;

const MIN: &str = include_str!("fixtures/minimal.ron");

fn show(label: &str, text: &str) {
    println!("==== {label}");
    match load_str("t.ron", text) {
        Ok(t) => println!("OK events={}", t.events.len()),
        Err(e) => {
            for d in e.diagnostics() {
                println!("{:?} | {}", d.position.map(|p| (p.line, p.column)), d.message);
            }
            println!("--display--\n{e}");
        }
    }
}

#[test]
fn explore() {
    let cases: Vec<(&str, String)> = vec![
        ("empty", String::new()),
        ("ws", "  \n\t \n".into()),
        ("trunc string", MIN[..MIN.find("First ev").unwrap()+3].to_string()),
        ("trunc list", MIN[..MIN.find("categories: [").unwrap()+13].to_string()),
        ("trunc event", MIN[..MIN.find("category: \"main\",\n            importance: 5").unwrap()].to_string()),
        ("deep [", format!("(title: \"x\", span: {})", "[".repeat(50000))),
        ("deep ( top", "(".repeat(50000)),
        ("deep [ top", "[".repeat(50000)),
        ("deep in events", MIN.replace("events: [", &format!("events: [{}", "[".repeat(50000)))),
        ("deep in flags", MIN.replace("flags: [", &format!("flags: [{}", "(".repeat(50000)))),
        ("deep in korean", MIN.replace("korean_title: \"", &format!("korean_title: {}", "[".repeat(50000)))),
        ("deep in NKC", MIN.replace("flags: [", &format!("flags: [NorthKoreanClaim({}", "(".repeat(50000)))),
        ("titel", MIN.replacen("title: \"First", "titel: \"First", 1)),
        ("Seeds", MIN.replace("Seed(", "Seeds(")),
        ("missing summary", MIN.replace("            summary: \"Something happened.\",\n", "")),
        ("missing title top", MIN.replace("    title: \"Minimal\",\n", "")),
        ("importance str", MIN.replace("importance: 5", "importance: \"5\"")),
        ("title num", MIN.replace("title: \"First event\"", "title: 5")),
        ("title list", MIN.replace("title: \"First event\"", "title: [\"a\"]")),
        ("importance float", MIN.replace("importance: 5", "importance: 5.5")),
        ("importance neg", MIN.replace("importance: 5", "importance: -1")),
        ("importance 300", MIN.replace("importance: 5", "importance: 300")),
        ("span single", MIN.replace("span: (\"1950\", \"1960\")", "span: \"1950\"")),
        ("span triple", MIN.replace("span: (\"1950\", \"1960\")", "span: (\"1950\", \"1960\", \"1970\")")),
        ("categories str", MIN.replace("categories: [\n        (id: \"main\", name: \"Main\", colour: \"#0072b2\"),\n    ]", "categories: \"main\"")),
        ("sources string", MIN.replace("sources: [Seed(quote: \"a quotation\")]", "sources: \"a quotation\"")),
        ("korean bool", MIN.replace("korean_title: \"첫 사건\"", "korean_title: true")),
        ("related str", MIN.replace("related: [\"second\"]", "related: \"second\"")),
        ("people str", MIN.replace("people: [(name: \"Kim Il Sung\", hangul: \"김일성\")]", "people: [\"Kim\"]")),
        ("dup event", MIN.replace("id: \"second\"", "id: \"first\"").replace("related: [\"second\"]", "related: [\"first\"]").replace("(event: \"second\")", "(event: \"first\")")),
        ("dup cat", MIN.replace("(id: \"main\", name: \"Main\", colour: \"#0072b2\"),", "(id: \"main\", name: \"Main\", colour: \"#0072b2\"),\n        (id: \"main\", name: \"Main 2\", colour: \"#000000\"),")),
        ("unknown cat", MIN.replacen("category: \"main\"", "category: \"mian\"", 1)),
        ("related unknown", MIN.replace("related: [\"second\"]", "related: [\"secnd\"]")),
        ("feb 30", MIN.replace("1956-08-30", "1956-02-30").replace("1956-08-31", "1956-03-31")),
        ("month 13", MIN.replace("1956-08-30", "1956-13-01")),
        ("end before", MIN.replace("\"1956-08-31\"", "\"1956-08-01\"")),
        ("before span", MIN.replace("1956-08-30", "1946-08-30").replace("1956-08-31", "1946-08-31")),
        ("after span", MIN.replace("c. 1958", "1962")),
        ("empty title", MIN.replace("title: \"First event\"", "title: \"  \"")),
        ("empty top title", MIN.replace("title: \"Minimal\"", "title: \"\"")),
        ("colour", MIN.replace("#0072b2", "0072b2")),
        ("colour era", MIN.replace("#dddddd", "#ddd")),
        ("tour unknown", MIN.replace("(event: \"second\")", "(event: \"secund\")")),
        ("imp 0", MIN.replace("importance: 5", "importance: 0")),
        ("imp 6", MIN.replace("importance: 5", "importance: 6")),
        ("url", MIN.replace("https://example.org/book", "ftp://example.org/book")),
        ("url js", MIN.replace("https://example.org/book", "javascript:alert(1)")),
        ("no sources", MIN.replace("sources: [Seed(quote: \"a quotation\")]", "sources: []")),
        ("0 events", {let s = MIN.find("    events: [").unwrap(); let e = MIN.find("    tour: [").unwrap(); let t = MIN.find("\n)").unwrap(); format!("{}    events: [],\n{}", &MIN[..s], &MIN[t+1..]) }),
        ("0 events keep e", {let s = MIN.find("    events: [").unwrap(); let t = MIN.find("\n)").unwrap(); format!("{}    events: [],\n{}", &MIN[..s], &MIN[t+1..]) }),
        ("several", MIN.replace("#0072b2", "blue").replace("importance: 2", "importance: 9").replace("1956-08-30", "1956-02-30").replace("(event: \"second\")", "(event: \"third\")")),
        ("trailing", format!("{MIN}\n)")),
        ("dup field", MIN.replace("importance: 5,", "importance: 5, importance: 4,")),
        ("unclosed comment", format!("/* hello\n{MIN}")),
        ("bad escape", MIN.replace("a quotation", "a \\q quotation")),
        ("missing comma", MIN.replace("importance: 5,", "importance: 5")),
        ("top bracket", "[1,2]".to_string()),
        ("not a struct", "42".to_string()),
        ("CRLF feb30", MIN.replace('\n', "\r\n").replace("1956-08-30", "1956-02-30").replace("1956-08-31", "1956-03-31")),
        ("tab", MIN.replace("            date: \"1956-08-30\"", "\t\t\tdate: \"1956-02-30\"").replace("1956-08-31", "1956-03-31")),
        ("missing close", MIN.trim_end().trim_end_matches(')').to_string()),
        ("nul", MIN.replace("Minimal", "Mini\0mal")),
    ];
    for (label, text) in &cases {
        show(label, text);
    }
    println!("==== bytes invalid utf8");
    let mut b = MIN.as_bytes().to_vec();
    let at = MIN.find("Minimal").unwrap();
    b[at + 2] = 0xff;
    match load_bytes("t.ron", &b) { Ok(_) => println!("OK"), Err(e) => println!("{:?}", e) }
    let mut g = vec![0u8, 1, 2, 0xff, 0xfe, 0x00, b'(', 0x80];
    g.extend_from_slice(b"abc");
    match load_bytes("t.ron", &g) { Ok(_) => println!("OK"), Err(e) => println!("{:?}", e) }
    let g = b"\x7fELF\x02\x01\x01\x00\x00\x00\x00abc".to_vec();
    match load_bytes("t.ron", &g) { Ok(_) => println!("OK"), Err(e) => println!("{:?}", e) }
    let mut bom = b"\xEF\xBB\xBF".to_vec(); bom.extend_from_slice(MIN.as_bytes());
    match load_bytes("t.ron", &bom) { Ok(_) => println!("BOM OK"), Err(e) => println!("{:?}", e) }
    show("bom str", &format!("\u{feff}{MIN}"));
    show("bom str err", &format!("\u{feff}{}", MIN.replace("1956-08-30", "1956-02-30").replace("1956-08-31", "1956-03-31")));
    println!("{:?}", load_path(std::path::Path::new("/nonexistent/x.ron")));
    println!("{:?}", load_path(std::path::Path::new("/tmp")));
}
