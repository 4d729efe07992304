/** Tabs over one list that changes with the tab (to do / done, to decide / decided): only the chosen tab's content is drawn. */
import type * as React from 'react';
import { Flex, Tabs } from '@strapi/design-system';

export function ViewTabs<V extends string>({ label, value, tabs, onChange, children }: { label: string; value: V; tabs: Array<{ value: V; label: string }>; onChange: (value: V) => void; children: React.ReactNode }) {
  return (
    <Tabs.Root value={value} onValueChange={(next: string) => onChange(next as V)}>
      <Tabs.List aria-label={label}>
        {tabs.map((tab) => (
          <Tabs.Trigger key={tab.value} value={tab.value}>
            {tab.label}
          </Tabs.Trigger>
        ))}
      </Tabs.List>
      {/* Every trigger names a panel (aria-controls): each tab has one, the chosen one holds the list. */}
      {tabs.map((tab) => (
        <Tabs.Content key={tab.value} value={tab.value}>
          {tab.value === value && (
            <Flex direction="column" alignItems="stretch" gap={4} paddingTop={4}>
              {children}
            </Flex>
          )}
        </Tabs.Content>
      ))}
    </Tabs.Root>
  );
}
