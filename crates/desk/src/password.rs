//! Passwords and secrets of the desk: argon2id hashes (salt and parameters inside the PHC
//! string the ledger keeps), generated passwords, and random tokens for sessions and forms.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

/// Letters and digits that cannot be mistaken for one another when read aloud or copied.
const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/// Fills `buf` from the operating system's random source.
fn random_bytes(buf: &mut [u8]) -> anyhow::Result<()> {
    getrandom::fill(buf).map_err(|e| anyhow::anyhow!("no random numbers from the system: {e}"))
}

/// A random token of 32 hex digits (128 bits): session ids, CSRF tokens, form tokens.
pub fn token() -> anyhow::Result<String> {
    let mut buf = [0u8; 16];
    random_bytes(&mut buf)?;
    Ok(buf.iter().map(|b| format!("{b:02x}")).collect())
}

/// A new password of 20 characters from [`ALPHABET`] (about 116 bits).
pub fn generate() -> anyhow::Result<String> {
    let mut out = String::with_capacity(20);
    let mut buf = [0u8; 64];
    while out.len() < 20 {
        random_bytes(&mut buf)?;
        // Rejection sampling keeps every character equally likely.
        let limit = 256 - 256 % ALPHABET.len();
        for &b in buf.iter().filter(|&&b| (b as usize) < limit) {
            if out.len() < 20 {
                out.push(ALPHABET[b as usize % ALPHABET.len()] as char);
            }
        }
    }
    Ok(out)
}

/// The argon2id hash of a password, as a PHC string.
pub fn hash(password: &str) -> anyhow::Result<String> {
    let mut salt = [0u8; 16];
    random_bytes(&mut salt)?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| anyhow::anyhow!("salt: {e}"))?;
    let hashed = Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map_err(|e| anyhow::anyhow!("hashing the password failed: {e}"))?;
    Ok(hashed.to_string())
}

/// True when `password` matches the stored hash (false for a hash that cannot be read).
pub fn verify(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// Checks passwords on one thread of its own. An argon2 check takes 19 MB for a moment; run
/// on tokio's many blocking threads, each thread's allocator arena would keep such a block
/// (hundreds of MB after a few dozen logins). One thread keeps one.
pub struct Verifier {
    jobs: std::sync::Mutex<std::sync::mpsc::Sender<Job>>,
}

type Job = (String, String, tokio::sync::oneshot::Sender<bool>);

impl Verifier {
    pub fn start() -> anyhow::Result<Verifier> {
        let (tx, rx) = std::sync::mpsc::channel::<Job>();
        std::thread::Builder::new()
            .name("password-checks".into())
            .spawn(move || {
                for (given, stored, answer) in rx {
                    let _ = answer.send(verify(&given, &stored));
                }
            })?;
        Ok(Verifier {
            jobs: std::sync::Mutex::new(tx),
        })
    }

    /// True when `given` matches the stored hash; false also when the checker is gone.
    pub async fn check(&self, given: String, stored: String) -> bool {
        let (answer, wait) = tokio::sync::oneshot::channel();
        let sent = self
            .jobs
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .send((given, stored, answer));
        sent.is_ok() && wait.await.unwrap_or(false)
    }
}

/// Compares two secrets in time that does not depend on where they differ (`subtle`).
pub fn same_secret(a: &str, b: &str) -> bool {
    use subtle::ConstantTimeEq;
    bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_password_only() {
        let stored = hash("correct horse").unwrap();
        assert!(stored.starts_with("$argon2id$"), "{stored}");
        assert!(verify("correct horse", &stored));
        assert!(!verify("correct hors", &stored));
        assert!(!verify("correct horse", "not a hash"));
    }

    #[test]
    fn generated_passwords_differ_and_use_the_alphabet() {
        let (a, b) = (generate().unwrap(), generate().unwrap());
        assert_eq!(a.len(), 20);
        assert_ne!(a, b);
        assert!(a.bytes().all(|c| ALPHABET.contains(&c)), "{a}");
        assert_eq!(token().unwrap().len(), 32);
        assert!(same_secret("abc", "abc") && !same_secret("abc", "abd") && !same_secret("a", "ab"));
    }
}
