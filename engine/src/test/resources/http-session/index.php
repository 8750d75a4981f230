<?php
// The storefront in maintenance: 503 with Retry-After, except for a logged-in admin.
session_name('OCSESSID');
session_save_path(getenv('SESSION_DIR'));
if (isset($_COOKIE['OCSESSID'])) {
    session_start();
}
if (($_SESSION['user'] ?? '') === 'admin') {
    echo 'Storefront (maintenance mode, shown to the admin)';
    exit;
}
http_response_code(503);
header('Retry-After: 3600');
echo 'Maintenance';
