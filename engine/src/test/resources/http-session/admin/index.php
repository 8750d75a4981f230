<?php
// An admin behind a form login, its session cookie limited to /admin/ (as OpenCart's).
session_name('OCSESSID');
session_save_path(getenv('SESSION_DIR'));
session_set_cookie_params(['path' => '/admin/', 'httponly' => true]);
session_start();
if ($_SERVER['REQUEST_METHOD'] === 'POST') {
    if (($_POST['username'] ?? '') === 'admin' && ($_POST['password'] ?? '') === 'p@ss word') {
        $_SESSION['user'] = 'admin';
        header('Location: /admin/index.php?route=common/dashboard', true, 302);
        exit;
    }
    echo 'Wrong password';
    exit;
}
echo isset($_SESSION['user']) ? 'Dashboard of ' . $_SESSION['user'] : 'Please log in';
