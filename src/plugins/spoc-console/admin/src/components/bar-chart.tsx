/**
 * The board's charts: horizontal bars with their value written beside them, and a threshold mark where one
 * applies. Hand-drawn boxes rather than a charting library: a bar is a box of a width, the numbers stay text
 * for screen readers and tests, and the panel's bundle does not grow by a library for a dozen bars.
 */
import type * as React from 'react';
import { Box, Flex, Typography } from '@strapi/design-system';
import { Link as RouterLink } from 'react-router-dom';

export interface Bar {
  label: string;
  value: number;
  /** Text beside the bar: the value in words (a share, a duration); the value itself when missing. */
  text?: string;
  color?: string;
  /** Where the bar's row leads: the filtered queue, the desk. */
  to?: string;
  segments?: Array<{ value: number; color: string; label: string }>;
}

export function BarChart({ bars, max, threshold, label }: { bars: Bar[]; max?: number; threshold?: { value: number; label: string }; label: string }) {
  const top = Math.max(max ?? 0, ...bars.map((bar) => bar.value), 1);
  const width = (value: number) => `${Math.max(0, Math.min(100, (value / top) * 100))}%`;
  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <Flex direction="column" alignItems="stretch" gap={2} tag="ul" aria-label={label}>
        {bars.map((bar) => {
          const title: React.ReactNode = bar.to ? <RouterLink to={bar.to}>{bar.label}</RouterLink> : bar.label;
          return (
            <Flex key={bar.label} tag="li" gap={3} alignItems="center" data-bar={bar.label} data-value={bar.value}>
              <Box style={{ width: 150, flexShrink: 0 }}>
                <Typography variant="omega">{title}</Typography>
              </Box>
              <Box position="relative" background="neutral150" hasRadius style={{ flex: 1, height: 16, overflow: 'hidden' }} aria-hidden>
                {bar.segments ? (
                  <Flex style={{ height: '100%', width: width(bar.value) }}>
                    {bar.segments.map((segment) => (
                      <Box key={segment.label} title={`${segment.label}: ${segment.value}`} style={{ height: '100%', width: `${bar.value ? (segment.value / bar.value) * 100 : 0}%`, background: segment.color }} />
                    ))}
                  </Flex>
                ) : (
                  <Box style={{ height: '100%', width: width(bar.value), background: bar.color ?? '#4945ff' }} />
                )}
                {threshold && <Box style={{ position: 'absolute', top: 0, bottom: 0, left: width(threshold.value), width: 2, background: '#212134' }} />}
              </Box>
              <Box style={{ width: 110, flexShrink: 0, textAlign: 'right' }}>
                <Typography variant="omega" fontWeight="bold">
                  {bar.text ?? String(bar.value)}
                </Typography>
              </Box>
            </Flex>
          );
        })}
      </Flex>
      {threshold && (
        <Typography variant="pi" textColor="neutral600">
          {threshold.label}
        </Typography>
      )}
    </Flex>
  );
}
