//! The language the CLI speaks: `--lang`, else the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`, then the
//! system's, which is how Windows says it); and the Chinese help text, put on clap's command at run time.
//!
//! A test fails when a verb or flag has no Chinese help.

use clap::Command;
use dealgate_api::domain::Lang;
use std::ffi::OsString;

/// The language asked for: `--lang zh|en` (or `--lang=..`) before a `--`, else the locale's.
pub fn detect(args: &[OsString]) -> Lang {
    let mut args = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(a) = args.next() {
        if a == "--" {
            break;
        }
        let value = match a.strip_prefix("--lang") {
            Some("") => args.next().map(|v| v.into_owned()),
            Some(rest) => rest.strip_prefix('=').map(String::from),
            None => None,
        };
        if let Some(lang) = value.as_deref().and_then(Lang::from_locale) {
            return lang;
        }
    }
    from_locale(|name| std::env::var(name).ok(), sys_locale::get_locale)
}

/// The language of the locale: the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set decides (as POSIX
/// has it); with none set, the system's locale (Windows and macOS set no `LANG`). Chinese for a Chinese
/// locale, English for any other, `C` and `POSIX` included (scripts and servers).
pub fn from_locale(var: impl Fn(&str) -> Option<String>, system: impl Fn() -> Option<String>) -> Lang {
    let set = ["LC_ALL", "LC_MESSAGES", "LANG"].into_iter().find_map(|v| var(v).filter(|s| !s.trim().is_empty()));
    set.or_else(system).and_then(|l| Lang::from_locale(&l)).unwrap_or(Lang::En)
}

/// `cmd` with its help in `lang` (English is how the derive wrote it).
pub fn localize(cmd: Command, lang: Lang) -> Command {
    match lang {
        Lang::En => cmd,
        Lang::Zh => {
            let version = clap::Arg::new("version")
                .short('V')
                .long("version")
                .action(clap::ArgAction::Version)
                .help("显示版本")
                .help_heading("选项");
            let cmd = cmd.after_help(ZH_EXIT).about(zh("dealgate").unwrap_or_default());
            zh_command(cmd.disable_version_flag(true).arg(version), "dealgate")
        }
    }
}

const ZH_EXIT: &str =
    "退出状态：0 完成；1 失败（文件或数据库无法使用）；2 输入有误（值错误、编号不存在、文件不是 CSV/XLSX \
或缺少列）；3 无权操作或冲突（不是你的角色或区域，或在你查看之后已被更改）；4 audit verify 发现篡改；\
import --strict 时有行被拒绝也为 2。";

fn zh_command(mut cmd: Command, path: &str) -> Command {
    cmd = cmd
        .help_template("{before-help}{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}")
        .subcommand_help_heading("命令")
        .subcommand_value_name("命令")
        .disable_help_flag(true)
        .arg(
            clap::Arg::new("help")
                .short('h')
                .long("help")
                .action(clap::ArgAction::Help)
                .help("显示帮助")
                .help_heading("选项"),
        );
    if path != "dealgate" {
        if let Some(about) = zh(path) {
            cmd = cmd.about(about);
        }
    }
    let args: Vec<(String, bool, bool)> = cmd
        .get_arguments()
        .map(|a| {
            (
                a.get_id().to_string(),
                a.is_positional(),
                a.get_action().takes_values() && !a.get_possible_values().is_empty(),
            )
        })
        .collect();
    for (id, positional, listed) in args {
        if let Some(help) = zh(&format!("{path}.{id}")) {
            let heading = if positional { "参数" } else { "选项" };
            // The help names the accepted values in Chinese; clap's list would repeat them in English.
            cmd = cmd.mut_arg(id, |a| a.help(help).help_heading(heading).hide_possible_values(listed));
        }
    }
    let subs: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
    for sub in subs {
        let sub_path = if path == "dealgate" { sub.clone() } else { format!("{path} {sub}") };
        cmd = cmd.mut_subcommand(sub, |c| zh_command(c, &sub_path));
    }
    cmd
}

/// Chinese help: a verb's path (`audit export`) for its description, `path.arg` for an argument's.
fn zh(key: &str) -> Option<&'static str> {
    Some(match key {
        "dealgate" => "DealGate：伙伴报备查重、分配决定、申诉与防篡改审计日志。",
        "dealgate.db" => "数据库文件（默认：$DEALGATE_DB，否则为用户数据目录）",
        "dealgate.actor" => "以此用户身份操作（见 `dealgate user list`）",
        "dealgate.lang" => "输出语言：zh（中文）或 en（英文）；默认按系统区域设置，C 等其他区域为英文",
        "import" => "导入 CSV（UTF-8 或 GBK）或 XLSX 文件",
        "import.kind" => "文件内容：follow-ups（直销跟进）、head-accounts（头部客户）、registrations（伙伴报备）",
        "import.path" => "文件路径",
        "import.strict" => "有被拒绝的行时以状态 2 退出（正确的行照常导入）",
        "import.no_check" => "不对导入的报备查重（默认导入时一并查重）",
        "completions" => "打印命令补全脚本：`dealgate completions bash > /etc/bash_completion.d/dealgate`",
        "completions.shell" => "shell：bash、zsh、fish、powershell、elvish",
        "check" => "查重并为每条报备保存建议决定",
        "check.all" => "查重所有尚未由人决定的报备",
        "check.ids" => "要查重的报备编号",
        "check.as_of" => "查重基准日期（YYYY-MM-DD，默认今天）",
        "check.format" => "输出格式：table（对齐的表格）、jsonl（每行一个 JSON）、json（一个 JSON 数组）、csv（带表头）",
        "show.format" | "status.format" | "dispute list.format" | "user list.format" | "settings show.format" => {
            "输出格式：json（一个 JSON 文档）或 jsonl（每行一个 JSON）"
        }
        "decide" => "确认或改判报备的建议决定（渠道经理）",
        "decide.id" => "报备编号",
        "decide.verdict" => "accept（确认）或 override（改判）",
        "decide.outcome" => "改判的新结果：approved（通过）、co_sell（项目合作）、direct_retained（直销保留）、duplicate（撞单）、needs_info（待补充信息）；也可写中文",
        "decide.reason" => "理由（改判必填）",
        "decide.same_company" => "记住：报备客户与决定所依据的记录是同一公司（以后同一对名称直接按此判断）",
        "decide.different_company" => "记住：报备客户与决定所依据的记录是不同公司（以后不再据此撞单）",
        "register" => "手工录入一条报备（伙伴电话或消息报备时），立即查重并保存建议决定",
        "register.partner" => "伙伴公司",
        "register.tier" => "伙伴级别：gold、silver 或 registered（金牌、银牌、注册）",
        "register.customer" => "伙伴报备的客户公司名称",
        "register.uscc" => "客户统一社会信用代码",
        "register.website" => "客户网站",
        "register.contact" => "联系人",
        "register.phone" => "联系电话",
        "register.email" => "联系邮箱",
        "register.region" => "区域",
        "register.product" => "产品",
        "register.amount" => "商机金额（120000、12万）",
        "register.expected_close" => "预计成交日期（YYYY-MM-DD）",
        "register.id" => "报备编号（默认：H 加时间，如 H20260630093000）",
        "register.as_of" => "按此日期查重（YYYY-MM-DD；默认今天）",
        "register.dry_run" => "只显示建议决定，不保存",
        "register.format" => "输出格式：table、jsonl 或 csv",
        "pairs" => "复核人记住的名称对：同一公司 / 不同公司",
        "pairs list" => "列出记住的每一对名称（最早的在前）",
        "pairs list.format" => "输出格式：table（对齐的表格）或 jsonl（每行一个 JSON 对象，可用于估计匹配权重）",
        "pairs forget" => "忘记一对名称（其区域的渠道经理或管理员）；以后按匹配器的评分处理",
        "pairs forget.id" => "名称对的编号（见 `pairs list`）",
        "run-due" => "执行到期工作：到期保护期失效、标记逾期申诉、列出即将到期的保护期、投递 Webhook 消息（供 cron 或 systemd 定时器使用；可重复执行）",
        "run-due.as_of" => "按此日期或 UTC 时间执行（YYYY-MM-DD 或 YYYY-MM-DDTHH:MM:SS；仅管理员）",
        "policy" => "预览规则变更：在草拟设置下重放查重（不写入任何数据）",
        "policy replay" => "以草拟设置（在现行设置上改动若干项）重放某段时间提交的报备的查重，报告会有哪些变化；只读数据库",
        "policy replay.set" => "草拟改动 KEY=VALUE（与 `settings set` 相同）；可重复给出多项",
        "policy replay.as_of" => "按此日期重放（YYYY-MM-DD；默认今天）",
        "policy replay.from" => "只含此日及之后提交的报备（YYYY-MM-DD）",
        "policy replay.to" => "只含此日及之前提交的报备（YYYY-MM-DD）",
        "policy replay.unchanged" => "也列出结果不变的报备",
        "policy replay.format" => "输出格式：table（逐条，再加汇总）、jsonl（每条报备一个对象）、csv（逐条）",
        "notify" => "群机器人 Webhook 的消息（由 run-due 和桌面应用排队）",
        "notify log" => "投递日志：Webhook 消息，新的在前，含状态（排队中、已送达、失败待重试、已放弃）、尝试次数和最后的错误",
        "notify log.limit" => "最多列出这么多条",
        "notify log.status" => "只列此状态的消息：queued（排队中）、delivered（已送达）、failed（失败待重试）、given_up（已放弃）",
        "notify log.format" => "输出格式：table（表格）、json（一个 JSON 文档）、jsonl（每行一个 JSON 对象）",
        "dispute" => "发起、裁决或列出申诉",
        "dispute open" => "对报备的当前决定提出申诉",
        "dispute open.id" => "报备编号",
        "dispute open.claim" => "申诉理由",
        "dispute rule" => "裁决申诉（报备所在区域的负责人）",
        "dispute rule.dispute" => "申诉编号",
        "dispute rule.outcome" => "裁决结果：approved（通过）、co_sell（项目合作）、direct_retained（直销保留）、duplicate（撞单）、needs_info（待补充信息）；也可写中文",
        "dispute rule.rationale" => "裁决理由",
        "dispute list" => "列出申诉",
        "dispute list.open" => "只列未裁决的",
        "extend" => "延长报备的保护期",
        "extend.id" => "报备编号",
        "extend.days" => "延长天数",
        "extend.reason" => "理由",
        "expire" => "使在某日期之前结束的保护期过期",
        "expire.as_of" => "日期（YYYY-MM-DD，默认今天）",
        "show" => "显示报备及其决定历史",
        "show.id" => "报备编号",
        "audit" => "校验或导出审计日志",
        "audit verify" => "校验哈希链及决定、申诉与之是否一致，以及锚点；如有条目被改、删或重排，或记录与条目不符，或锚点丢失，退出码为 4。以 SEQ:HASH 打印链头：请保存在数据库之外，并用 --anchor 传回",
        "audit verify.anchors" => "之前 verify 或 export 打印的锚点 SEQ:HASH；链中不再有它时失败",
        "audit export" => "把审计日志写入文件",
        "audit export.format" => "csv、xlsx（按所选语言）或 json（原样，供程序读取）",
        "audit export.out" => "输出文件",
        "audit export.from" => "起始日期或时间",
        "audit export.to" => "截止日期或时间",
        "audit export.region" => "只导出此区域",
        "audit export.partner" => "只导出此伙伴",
        "audit export.outcome" => "只导出此结果（approved、co_sell、direct_retained、duplicate、needs_info、review，或中文）",
        "user" => "管理用户",
        "user add" => "添加或更新用户（第一个用户无需 --as；之后须由管理员操作）。在团队数据库上同时创建登录（密码来自 --password-stdin）",
        "user add.name" => "用户名",
        "user add.role" => "channel_manager（渠道经理）、regional_head（区域负责人）、sales_ops（销售运营）或 admin（管理员）；也可写中文",
        "user add.regions" => "负责区域，以逗号分隔",
        "user add.password_stdin" => "团队数据库：从标准输入读取登录密码（一行）",
        "user remove" => "删除用户（管理员；团队数据库上同时删除登录）",
        "user remove.name" => "用户名",
        "user set-regions" => "替换用户的负责区域（管理员）",
        "user set-regions.name" => "用户名",
        "user set-regions.regions" => "负责区域，以逗号分隔（留空：无）",
        "user password" => "团队数据库：设置登录密码（自己的，或管理员设置任何人的）",
        "user password.name" => "用户名",
        "user password.password_stdin" => "从标准输入读取新密码（一行）",
        "user list" => "列出用户",
        "settings" => "查看或修改分配设置",
        "settings show" => "打印当前设置",
        "settings set" => "修改设置：key=value ...（管理员）",
        "settings set.changes" => "key=value 对；列表以逗号分隔",
        "status" => "各数据源的行数与新鲜度",
        "demo" => "创建带示例数据的数据库并查重",
        "backup" => "把数据库完整复制到新文件（他人工作时也安全）",
        "backup.out" => "新文件",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    fn walk(cmd: &Command, path: &str, missing: &mut Vec<String>) {
        if zh(path).is_none() {
            missing.push(path.to_owned());
        }
        for a in cmd.get_arguments() {
            let key = format!("{path}.{}", a.get_id());
            if zh(&key).is_none() {
                missing.push(key);
            }
        }
        for sub in cmd.get_subcommands() {
            let p = if path == "dealgate" { sub.get_name().to_owned() } else { format!("{path} {}", sub.get_name()) };
            walk(sub, &p, missing);
        }
    }

    #[test]
    fn every_verb_and_flag_has_chinese_help() {
        let mut missing = Vec::new();
        walk(&crate::args::Cli::command(), "dealgate", &mut missing);
        assert!(missing.is_empty(), "add Chinese help to src/lang.rs for: {missing:?}");
    }

    #[test]
    fn chinese_help_replaces_the_english() {
        let mut cmd = localize(crate::args::Cli::command(), Lang::Zh);
        let help = cmd.render_long_help().to_string();
        assert!(help.contains("伙伴报备查重") && help.contains("退出状态"), "{help}");
        let mut import = cmd.find_subcommand_mut("import").expect("import").clone();
        assert!(import.render_help().to_string().contains("文件路径"));
    }

    #[test]
    fn the_first_locale_variable_set_decides() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string())
        };
        let none = || None;
        assert_eq!(from_locale(env(&[("LANG", "zh_CN.UTF-8")]), none), Lang::Zh);
        assert_eq!(from_locale(env(&[("LC_ALL", "en_US.UTF-8"), ("LANG", "zh_CN.UTF-8")]), none), Lang::En);
        assert_eq!(from_locale(env(&[("LC_MESSAGES", "zh_TW"), ("LANG", "C")]), none), Lang::Zh);
        assert_eq!(from_locale(env(&[("LANG", "C")]), || Some("zh-CN".into())), Lang::En);
        // Windows: no variable, the system's language.
        assert_eq!(from_locale(env(&[]), || Some("zh-CN".into())), Lang::Zh);
        assert_eq!(from_locale(env(&[]), none), Lang::En);
        assert_eq!(from_locale(env(&[("LANG", "de_DE.UTF-8")]), none), Lang::En);
    }

    #[test]
    fn the_flag_wins_over_the_locale() {
        let args = |a: &[&str]| a.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(detect(&args(&["dealgate", "--lang", "zh", "status"])), Lang::Zh);
        assert_eq!(detect(&args(&["dealgate", "status", "--lang=zh"])), Lang::Zh);
        assert_eq!(detect(&args(&["dealgate", "--lang", "en", "status"])), Lang::En);
    }
}
