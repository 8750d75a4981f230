<?php
namespace Opencart\Admin\Controller\Extension\RunbookDemo\Module;
/**
 * A small module for tests: a greeting shown on the storefront, with two settings
 * (module_runbook_demo_status, module_runbook_demo_text) that an upgrade must keep.
 */
class RunbookDemo extends \Opencart\System\Engine\Controller {
	public function index(): void {
		$this->load->language('extension/runbook_demo/module/runbook_demo');
		$this->response->setOutput($this->language->get('heading_title') . ': ' . (string)$this->config->get('module_runbook_demo_text'));
	}

	public function save(): void {
		$json = [];
		if (!$this->user->hasPermission('modify', 'extension/runbook_demo/module/runbook_demo')) {
			$json['error'] = 'permission';
		}
		if (!$json) {
			$this->load->model('setting/setting');
			$this->model_setting_setting->editSetting('module_runbook_demo', $this->request->post);
			$json['success'] = 'saved';
		}
		$this->response->addHeader('Content-Type: application/json');
		$this->response->setOutput(json_encode($json));
	}

	public function install(): void {
		// defaults of version 2; an upgrade puts the owner's settings back over them
		$this->load->model('setting/setting');
		$this->model_setting_setting->editSetting('module_runbook_demo', [
			'module_runbook_demo_status' => 0,
			'module_runbook_demo_text'   => 'default text of version 2'
		]);
	}

	public function uninstall(): void {
	}
}
