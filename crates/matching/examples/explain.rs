//! Prints how two company names compare: both normalised forms, each feature and the score.
//! `cargo run -p dealgate-matching --example explain -- NAME_A NAME_B`

use dealgate_matching::{normalize, score, Party};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [a, b] = args.as_slice() else {
        eprintln!("usage: explain NAME_A NAME_B");
        std::process::exit(2);
    };
    for n in [a, b] {
        println!("{n}: {:?}", normalize(n));
    }
    let (fa, fb) =
        (Party { name: a, ..Default::default() }.features(), Party { name: b, ..Default::default() }.features());
    let (s, reasons) = score(&fa, &fb);
    println!("score {s:.3}");
    for r in reasons {
        println!("  {:<12} {:<6} {:+.3}  {}", r.feature, format!("{:?}", r.agreed), r.contribution, r.detail);
    }
}
