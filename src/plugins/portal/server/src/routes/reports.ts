/** The referent's reports; the SLA compliance downloads stay the SLA plugin's GET /api/sla/report. */
export default [{ method: 'GET', path: '/reports/activity', handler: 'reports.activity', config: { policies: [] } }];
