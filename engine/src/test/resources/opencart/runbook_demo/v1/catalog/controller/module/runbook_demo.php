<?php
namespace Opencart\Catalog\Controller\Extension\RunbookDemo\Module;
class RunbookDemo extends \Opencart\System\Engine\Controller {
	public function index(): string {
		return '<p class="runbook-demo" data-version="1.0.0">' . htmlspecialchars((string)$this->config->get('module_runbook_demo_text')) . '</p>';
	}
}
