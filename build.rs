//! Tells the test suite whether the shared PolNeAR data is beside the
//! repository (`../shared`, or `QUARRY_SHARED`). Tests that need it are
//! compiled as ignored, with the reason, when it is absent, so a run
//! without it says so instead of passing them in no time; when
//! `QUARRY_SHARED` is set they always run, and fail if it holds nothing.
//! Likewise for the browser test and Chromium, and for the full-disk test,
//! which mounts a small tmpfs and so needs the right to mount.

use std::path::PathBuf;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    // The man pages' date: SOURCE_DATE_EPOCH for reproducible builds,
    // else the day this script ran.
    println!("cargo::rerun-if-env-changed=SOURCE_DATE_EPOCH");
    let epoch = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs())
        });
    println!(
        "cargo::rustc-env=QUARRY_BUILD_DATE={}",
        civil_date(epoch / 86_400)
    );
    println!("cargo::rerun-if-env-changed=QUARRY_SHARED");
    println!("cargo::rustc-check-cfg=cfg(quarry_shared)");
    let set = std::env::var_os("QUARRY_SHARED").filter(|v| !v.is_empty());
    let dir = set.clone().map(PathBuf::from).unwrap_or_else(|| {
        PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it"))
            .join("../shared")
    });
    let marker = dir.join("data/polnear/metadata.tsv");
    if marker.is_file() {
        // Noticed when the data changes; its arrival needs `touch build.rs`.
        println!("cargo::rerun-if-changed={}", marker.display());
    }
    if set.is_some() || marker.is_file() {
        println!("cargo::rustc-cfg=quarry_shared");
    }
    println!("cargo::rustc-env=QUARRY_SHARED_DIR={}", dir.display());

    // The browser test needs Debian's chromium and chromium-driver
    // (`bash .ci/run` installs them); without them it is ignored, saying so.
    println!("cargo::rustc-check-cfg=cfg(quarry_browser)");
    let browser = ["/usr/bin/chromium", "/usr/bin/chromedriver"];
    if browser.iter().all(|p| std::path::Path::new(p).is_file()) {
        for path in browser {
            println!("cargo::rerun-if-changed={path}");
        }
        println!("cargo::rustc-cfg=quarry_browser");
    } else {
        // Noticed when they are installed (a watched file that does not
        // exist would run this script again on every build).
        println!("cargo::rerun-if-changed=/usr/bin");
    }

    // The full-disk test mounts a tmpfs of a few MB: root with
    // CAP_SYS_ADMIN in its effective set (CI runs as root).
    println!("cargo::rustc-check-cfg=cfg(quarry_tmpfs)");
    let can_mount = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            let caps = status.lines().find_map(|l| l.strip_prefix("CapEff:"))?;
            u64::from_str_radix(caps.trim(), 16).ok()
        })
        .is_some_and(|caps| caps & (1 << 21) != 0);
    if can_mount && std::path::Path::new("/bin/mount").exists() {
        println!("cargo::rustc-cfg=quarry_tmpfs");
    }
}

/// `YYYY-MM-DD` of a day counted from 1970-01-01 (Howard Hinnant's
/// `civil_from_days`).
fn civil_date(days: u64) -> String {
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}
