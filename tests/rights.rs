//! Who may do what, on the embedded database as on a team one: imports by the roles that own each
//! source, channel managers and regional heads only in their regions, a user with no regions in none,
//! and a registration with no region only for an admin.

use crate::support::Env;

fn registrations(env: &Env, name: &str, rows: &[(&str, &str)]) -> String {
    let mut csv =
        String::from("registration_id,partner,submitted_at,customer_name,contact_phone,amount,expected_close,region\n");
    for (id, region) in rows {
        csv.push_str(&format!(
            "{id},伙伴甲,2026-06-01,{id}号测试客户有限公司,13900000000,100000,2026-09-01,{region}\n"
        ));
    }
    let path = env.path(name);
    std::fs::write(&path, csv).unwrap();
    path.to_str().unwrap().to_string()
}

#[test]
fn imports_need_the_role_that_owns_the_source_once_the_database_has_users() {
    let env = Env::new();
    env.import_fixtures(); // before any user: a new solo database takes anything
    env.add_users();
    env.ok(&["--as", "admin", "user", "add", "ops", "--role", "sales_ops"]);
    env.ok(&["--as", "admin", "user", "add", "east-cm", "--role", "channel_manager", "--regions", "华东"]);
    let east = registrations(&env, "east.csv", &[("N1", "华东")]);
    let err = env.fails(&["import", "registrations", &east], 3);
    assert!(err.contains("--as"), "{err}");
    let err = env.fails(&["--as", "head-east", "import", "registrations", &east], 3);
    assert!(err.contains("regional_head") && err.contains("channel_manager"), "{err}");
    env.ok(&["--as", "east-cm", "import", "registrations", &east]);
    // A channel manager may not bring in another region's rows, nor move a stored one out of theirs.
    let south = registrations(&env, "south.csv", &[("N2", "华东"), ("N3", "华南")]);
    let err = env.fails(&["--as", "east-cm", "import", "registrations", &south], 3);
    assert!(err.contains("N3") && err.contains("华南") && err.contains("华东"), "{err}");
    let moved = registrations(&env, "moved.csv", &[("R05", "华东")]);
    let err = env.fails(&["--as", "east-cm", "import", "registrations", &moved], 3);
    assert!(err.contains("R05") && err.contains("as stored") && err.contains("西南"), "{err}");
    let shown: serde_json::Value = serde_json::from_str(&env.ok(&["show", "R05"])).unwrap();
    assert_eq!(shown["registration"]["region"], "西南", "nothing was imported");
    env.ok(&["--as", "ops", "import", "registrations", &south]);
    // Head accounts: a regional head only for their region.
    let heads = env.path("heads.csv");
    std::fs::write(&heads, "account_id,region,account_name\nH90,华南,南方测试集团有限公司\n").unwrap();
    let err = env.fails(&["--as", "head-east", "import", "head-accounts", heads.to_str().unwrap()], 3);
    assert!(err.contains("H90") && err.contains("华南"), "{err}");
    env.ok(&["--as", "head-south", "import", "head-accounts", heads.to_str().unwrap()]);
    let err = env.fails(&["--as", "cm", "import", "follow-ups", heads.to_str().unwrap()], 3);
    assert!(err.contains("sales_ops"), "{err}");
    let err = env.fails(&["--as", "cm", "expire"], 3);
    assert!(err.contains("admin"), "{err}");
    env.ok(&["--as", "admin", "expire"]);
}

#[test]
fn people_act_only_in_their_regions_and_no_region_is_not_every_region() {
    let env = Env::new();
    env.import_fixtures();
    env.add_users();
    env.ok(&["--as", "admin", "user", "add", "nowhere", "--role", "channel_manager"]);
    env.ok(&["--as", "admin", "user", "add", "east-cm", "--role", "channel_manager", "--regions", "华东"]);
    let blank = registrations(&env, "blank.csv", &[("N9", "")]);
    env.ok(&["--as", "admin", "import", "registrations", &blank]);
    env.check_all();
    let err = env.fails(&["--as", "nowhere", "decide", "R05", "accept"], 3);
    assert!(err.contains("no region"), "{err}");
    let err = env.fails(&["--as", "east-cm", "decide", "R05", "accept"], 3);
    assert!(err.contains("西南") && err.contains("华东"), "{err}");
    let err = env.fails(&["--as", "east-cm", "dispute", "open", "R05", "--claim", "ours"], 3);
    assert!(err.contains("西南"), "{err}");
    let err = env.fails(&["--as", "cm", "decide", "N9", "override", "--outcome", "approved", "--reason", "x"], 3);
    assert!(err.contains("no region") && err.contains("admin"), "{err}");
    env.ok(&["--as", "admin", "decide", "N9", "override", "--outcome", "approved", "--reason", "checked by phone"]);
    env.ok(&["--as", "cm", "decide", "R05", "accept"]);
}
