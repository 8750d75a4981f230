<?php
$_['heading_title'] = 'Runbook demo module (v1)';
$_['text_extension'] = 'Extensions';
$_['text_success'] = 'Success: you have modified the runbook demo module!';
$_['error_permission'] = 'Warning: you do not have permission to modify the runbook demo module!';
